export type SqlParam = string | number | bigint | null;

/** SQL text with its bound parameters, built together so the `?` order always matches the parameter order. */
export class Sql {
  constructor(
    readonly text: string,
    readonly params: readonly SqlParam[] = [],
  ) {}
}

export const raw = (text: string): Sql => new Sql(text);

/** Interpolated `Sql` is inlined; any other value is bound as a parameter. */
export function sql(strings: TemplateStringsArray, ...values: (Sql | SqlParam)[]): Sql {
  let text = strings[0];
  const params: SqlParam[] = [];
  values.forEach((value, i) => {
    if (value instanceof Sql) {
      text += value.text;
      params.push(...value.params);
    } else {
      text += '?';
      params.push(value);
    }
    text += strings[i + 1];
  });
  return new Sql(text, params);
}

export function joinSql(parts: readonly Sql[], separator: string): Sql {
  return new Sql(
    parts.map((part) => part.text).join(separator),
    parts.flatMap((part) => part.params),
  );
}
