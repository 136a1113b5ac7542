import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandHandling } from '../event-store/command-handling';
import { CommandEnvelope, CommandResult } from '../event-store/command-envelope';
import { EnrollInProgram, ProgramEnrollmentCommand, ProgramEnrollmentCommandMessage } from './program-enrollment.commands';
import { programEnrollmentDecider, ProgramEnrollmentLookups, ProgramEnrollmentState } from './program-enrollment.decider';
import { ProgramEnrollmentFacts } from './program-enrollment.facts';
import { programKeyRegistryDecider } from './program-enrollment.key-registry.decider';
import { programEnrollmentReservations } from './program-enrollment.reservations';
import { programEnrollmentStream, programKeyRegistryStream } from './program-enrollment.stream';

@CommandHandler(ProgramEnrollmentCommandMessage)
export class ProgramEnrollmentCommandHandler implements ICommandHandler<ProgramEnrollmentCommandMessage, CommandResult> {
  constructor(private readonly commands: CommandHandling, private readonly facts: ProgramEnrollmentFacts) {}

  async execute({ command, envelope }: ProgramEnrollmentCommandMessage): Promise<CommandResult> {
    return this.commands.handle({
      decider: programEnrollmentDecider,
      aggregateId: command.programEnrollmentId,
      streamId: programEnrollmentStream(command.programEnrollmentId),
      command,
      envelope,
      lookups: (state) => this.lookups(command, state),
      reservations: programEnrollmentReservations,
      // Registered once the enrollment is decided, so a refused command leaves no key behind.
      surround: command.type === 'EnrollInProgram' ? () => ({ before: () => this.registerWaiting(command, envelope) }) : undefined,
    });
  }

  /**
   * A waiting enrollment is listed under its (organisation, key) before it is appended: a crash in
   * between leaves an id the batch skips, never a waiting enrollment the batch cannot find.
   */
  private async registerWaiting(command: EnrollInProgram, envelope: CommandEnvelope): Promise<void> {
    const { externalUserKey, organisationId, studentId, programEnrollmentId } = command;
    if (externalUserKey === undefined || organisationId === undefined || studentId !== undefined) return;
    const streamId = programKeyRegistryStream(organisationId, externalUserKey);
    await this.commands.handle({
      decider: programKeyRegistryDecider,
      aggregateId: streamId,
      streamId,
      command: { type: 'RegisterProgramEnrollmentKey', organisationId, programEnrollmentId },
      // If-Match and the Idempotency-Key belong to the enrollment's stream, not the registry's.
      envelope: { ...envelope, expectedRevision: undefined, idempotencyKey: undefined },
    });
  }

  private async lookups(command: ProgramEnrollmentCommand, state: ProgramEnrollmentState): Promise<ProgramEnrollmentLookups> {
    if (command.type === 'EnrollInProgram' && state.stage === 'none') {
      return {
        student: command.studentId === undefined ? undefined : await this.facts.student(command.studentId),
        organisation: command.organisationId === undefined ? undefined : await this.facts.organisation(command.organisationId),
      };
    }
    if (command.type === 'LinkProgramEnrollment' && state.stage === 'waiting') return { student: await this.facts.student(command.studentId) };
    return {};
  }
}
