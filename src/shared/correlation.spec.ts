import { correlationIdProblem, issuedCorrelationId, ISSUED_CORRELATION_PREFIX } from './correlation';

describe('correlation ids', () => {
  it('issued ids carry the reserved prefix, which a client may not send in any case', () => {
    const issued = issuedCorrelationId();
    expect(issued.startsWith(ISSUED_CORRELATION_PREFIX)).toBe(true);
    for (const sent of [issued, issued.toUpperCase(), 'Ledger:mine']) expect(correlationIdProblem(sent)).toMatch(/issued by the service/);
  });

  it('a chosen id is 1–200 printable ASCII characters', () => {
    for (const fine of ['sync-2026-42', 'a b/c (d) ~', 'x'.repeat(200), 'my-ledger:1']) expect(correlationIdProblem(fine)).toBeNull();
    for (const bad of ['', 'x'.repeat(201), 'line\nbreak', 'nul\u0000', 'del\u007f', 'caf\u00e9', 'bidi\u202e']) expect(correlationIdProblem(bad)).toMatch(/printable ASCII/);
  });
});
