/** OneRoster grade codes and their Ed-Fi GradeLevelDescriptor code values: a two-way map (rule 7). */
const PAIRS: [code: string, edFi: string][] = [
  ['IT', 'Infant/toddler'],
  ['PR', 'Preschool'],
  ['PK', 'Prekindergarten'],
  ['TK', 'Transitional Kindergarten'],
  ['KG', 'Kindergarten'],
  ['01', 'First grade'],
  ['02', 'Second grade'],
  ['03', 'Third grade'],
  ['04', 'Fourth grade'],
  ['05', 'Fifth grade'],
  ['06', 'Sixth grade'],
  ['07', 'Seventh grade'],
  ['08', 'Eighth grade'],
  ['09', 'Ninth grade'],
  ['10', 'Tenth grade'],
  ['11', 'Eleventh grade'],
  ['12', 'Twelfth grade'],
  ['13', 'Grade 13'],
  ['PS', 'Postsecondary'],
  ['UG', 'Ungraded'],
  ['Other', 'Other'],
];

export const GRADE_CODES: readonly string[] = PAIRS.map(([code]) => code);
export const ED_FI_GRADE_NAMESPACE = 'uri://ed-fi.org/GradeLevelDescriptor';

const byEdFi = new Map(PAIRS.map(([code, edFi]) => [edFi.toLowerCase(), code]));
const byCode = new Map(PAIRS);

/** A OneRoster code, or an Ed-Fi descriptor (`uri://ed-fi.org/GradeLevelDescriptor#Ninth grade`), as the code; null if neither. */
export function toGradeCode(value: string): string | null {
  if (byCode.has(value)) return value;
  const hash = value.indexOf('#');
  if (hash < 0 || value.slice(0, hash) !== ED_FI_GRADE_NAMESPACE) return null;
  return byEdFi.get(value.slice(hash + 1).toLowerCase()) ?? null;
}

export function toEdFiDescriptor(code: string): string | null {
  const edFi = byCode.get(code);
  return edFi ? `${ED_FI_GRADE_NAMESPACE}#${edFi}` : null;
}
