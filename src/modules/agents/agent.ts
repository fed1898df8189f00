export interface Agent {
  id: string;
  teamId: string;
  name: string;
  skills: string[];
  createdAt: number;
  updatedAt: number;
}
