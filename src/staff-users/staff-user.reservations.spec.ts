import { emailReservation, staffUserReservations } from './staff-user.reservations';

describe('StaffUser reservations', () => {
  it('rule: email is unique per service, case-insensitively — the key ignores case and spaces and is scoped by service', () => {
    expect(emailReservation('roster', ' Ann@School.Example ')).toMatchObject({ scope: 'roster', value: 'ann@school.example', conflictCode: 'EmailTaken' });
    expect(emailReservation('claims', 'ann@school.example').scope).toBe('claims');
  });

  it('a registration claims its email in its service and nothing else claims one', () => {
    const changes = staffUserReservations([
      { type: 'UserRegistered', data: { userId: 'u-1', email: 'Ann@x.example', givenName: 'A', familyName: 'L', service: 'placements' } },
      { type: 'MembershipGranted', data: { userId: 'u-1', organisationId: 's-1', role: 'teacher' } },
    ]);
    expect(changes.claim.map((k) => [k.kind, k.scope, k.value])).toEqual([['staff-user-email', 'placements', 'ann@x.example']]);
    expect(changes.release).toEqual([]);
  });
});
