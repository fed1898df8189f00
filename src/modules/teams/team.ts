export interface Team {
  id: string;
  name: string;
  hourlyCost: number | null;
  createdAt: number;
  updatedAt: number;
}
