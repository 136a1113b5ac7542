/** The support files that come back (domain/claims.md "CSV interchange"): `import:claims <kind>`, `POST /v1/imports/claims/{kind}`. */
export const CLAIMS_CSV_KINDS = ['payer-response', 'sampling', 'provider-response', 'clawback-response'] as const;
export type ClaimsCsvKind = (typeof CLAIMS_CSV_KINDS)[number];

export const isClaimsCsvKind = (value: unknown): value is ClaimsCsvKind => CLAIMS_CSV_KINDS.includes(value as ClaimsCsvKind);

/** Each kind's header, exactly and in this order. */
export const CLAIMS_CSV_HEADERS: Record<ClaimsCsvKind, readonly string[]> = {
  'payer-response': ['claim_reference', 'claim_status', 'claim_unpaid_reason'],
  sampling: ['claim_reference', 'sample_reason'],
  'provider-response': ['claim_reference', 'mentor_trn', 'mentor_full_name', 'mentor_hours_of_training', 'claim_accepted', 'rejection_reason'],
  'clawback-response': ['claim_reference', 'claim_status'],
};

/** The claim command each kind's rows become. */
export const CLAIMS_CSV_COMMANDS = {
  'payer-response': 'RecordClaimPaymentResponse',
  sampling: 'SampleClaim',
  'provider-response': 'RecordProviderSamplingResponse',
  'clawback-response': 'RecordClawbackComplete',
} as const satisfies Record<ClaimsCsvKind, string>;
