export type AddClaimToRegister = { type: 'AddClaimToRegister'; registerId: string; claimId: string };

export type ClaimRegisterCommand = AddClaimToRegister;
