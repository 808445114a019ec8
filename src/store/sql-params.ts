// The parameters of a statement written in parts: each value goes to the end of the list and its part of
// the SQL names it as the next `$n`, cast to `type` when one is given.
export type PlaceParam = (value: unknown, type?: string) => string;

export function placeParams(params: unknown[]): PlaceParam {
  return (value, type) => {
    params.push(value);
    return type ? `$${params.length}::${type}` : `$${params.length}`;
  };
}
