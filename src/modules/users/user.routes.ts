import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { CLIENT_ERRORS, IdParams } from "../../http/common.schemas.js";
import {
  CreateUserBody,
  toGrants,
  toUserResponse,
  UpdateUserBody,
  UserListResponse,
  UserResponse,
} from "./user.schemas.js";
import { createUser, listUsers, requireUser, updateUser } from "./user.service.js";

export const userRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    "/users",
    {
      config: { access: "user:read" },
      schema: {
        tags: ["users"],
        summary: "List users and their grants",
        response: { 200: UserListResponse, ...CLIENT_ERRORS },
      },
    },
    async () => ({ items: (await listUsers(app.store.db)).map(toUserResponse) }),
  );

  app.get(
    "/users/:id",
    {
      config: { access: "user:read" },
      schema: {
        tags: ["users"],
        summary: "Get a user",
        params: IdParams,
        response: { 200: UserResponse, ...CLIENT_ERRORS },
      },
    },
    async (request) => toUserResponse(await requireUser(app.store.db, request.params.id)),
  );

  app.post(
    "/users",
    {
      config: { access: "user:write" },
      schema: {
        tags: ["users"],
        summary: "Create a user with a password and scoped role grants",
        body: CreateUserBody,
        response: { 201: UserResponse, ...CLIENT_ERRORS },
      },
    },
    async (request, reply) => {
      const user = await createUser(
        app.store.db,
        { ...request.body, grants: toGrants(request.body.grants) },
        Date.now(),
        request.actor,
      );
      return reply.status(201).send(toUserResponse(user));
    },
  );

  app.patch(
    "/users/:id",
    {
      config: { access: "user:write" },
      schema: {
        tags: ["users"],
        summary: "Change a user's name, password, grants or disabled state",
        params: IdParams,
        body: UpdateUserBody,
        response: { 200: UserResponse, ...CLIENT_ERRORS },
      },
    },
    async (request) => {
      const { grants, ...rest } = request.body;
      const { after } = await updateUser(
        app.store.db,
        request.params.id,
        { ...rest, ...(grants === undefined ? {} : { grants: toGrants(grants) }) },
        Date.now(),
        request.actor,
      );
      return toUserResponse(after);
    },
  );
};
