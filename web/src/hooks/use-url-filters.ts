import { useCallback, useMemo } from "react";
import { useSearchParams } from "react-router-dom";
import {
  countActiveFilters,
  type FilterSchema,
  type FilterValues,
  filtersToSearchParams,
  parseFilters,
} from "../lib/query-filters.ts";

export interface UrlFilters<S extends FilterSchema> {
  /** The current filters; the same object as long as the query string means the same filters. */
  filters: FilterValues<S>;
  activeCount: number;
  setFilter: (name: keyof S & string, value: string) => void;
  /** Sets several filters in one navigation (two setFilter calls in a row would lose one). */
  setFilters: (values: Partial<FilterValues<S>>) => void;
  clearFilters: () => void;
}

/** A page's filters, read from and written to the URL query string. */
export function useUrlFilters<S extends FilterSchema>(schema: S): UrlFilters<S> {
  const [searchParams, setSearchParams] = useSearchParams();
  const canonical = filtersToSearchParams(schema, parseFilters(schema, searchParams)).toString();
  const filters = useMemo(
    () => parseFilters(schema, new URLSearchParams(canonical)),
    [schema, canonical],
  );

  const setFilter = useCallback(
    (name: keyof S & string, value: string) => {
      setSearchParams((current) =>
        filtersToSearchParams(schema, { ...parseFilters(schema, current), [name]: value }),
      );
    },
    [schema, setSearchParams],
  );

  const setFilters = useCallback(
    (values: Partial<FilterValues<S>>) => {
      setSearchParams((current) =>
        filtersToSearchParams(schema, { ...parseFilters(schema, current), ...values }),
      );
    },
    [schema, setSearchParams],
  );

  const clearFilters = useCallback(() => setSearchParams(new URLSearchParams()), [setSearchParams]);

  return {
    filters,
    activeCount: countActiveFilters(schema, filters),
    setFilter,
    setFilters,
    clearFilters,
  };
}
