import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandHandling } from '../event-store/command-handling';
import { BatchCommandResult } from '../event-store/command-envelope';
import { DomainError, notFound } from '../shared/domain-error';
import { LinkProgramEnrollmentsByKeyMessage, ProgramEnrollmentCommandMessage } from './program-enrollment.commands';
import { isWaitingUnder, programEnrollmentDecider } from './program-enrollment.decider';
import { ProgramEnrollmentFacts } from './program-enrollment.facts';
import { ProgramEnrollmentCommandHandler } from './program-enrollment.handlers';
import { programKeyRegistryDecider } from './program-enrollment.key-registry.decider';
import { programEnrollmentStream, programKeyRegistryStream } from './program-enrollment.stream';

interface LinkFailure {
  programEnrollmentId: string;
  error: DomainError;
}

const later = (a: bigint, b: bigint) => (a > b ? a : b);

/**
 * Links every enrollment waiting under the (organisation, key) to the student, each through the
 * ordinary LinkProgramEnrollment path (its own load, reservation and append). Linked ones are no
 * longer waiting, so a second run links nothing.
 */
@CommandHandler(LinkProgramEnrollmentsByKeyMessage)
export class LinkProgramEnrollmentsByKeyHandler implements ICommandHandler<LinkProgramEnrollmentsByKeyMessage, BatchCommandResult> {
  constructor(
    private readonly commands: CommandHandling,
    private readonly facts: ProgramEnrollmentFacts,
    private readonly enrollments: ProgramEnrollmentCommandHandler,
  ) {}

  async execute({ command, envelope }: LinkProgramEnrollmentsByKeyMessage): Promise<BatchCommandResult> {
    const { externalUserKey, organisationId, studentId } = command;
    if (!(await this.facts.student(studentId)).exists) throw notFound('StudentNotFound', `Student ${studentId} does not exist.`);
    const registry = await this.commands.load(programKeyRegistryDecider, programKeyRegistryStream(organisationId, externalUserKey));
    const each = { ...envelope, expectedRevision: undefined };
    let position = registry.position;
    let affected = 0;
    const failures: LinkFailure[] = [];
    for (const programEnrollmentId of registry.state.programEnrollmentIds) {
      const enrollment = await this.commands.load(programEnrollmentDecider, programEnrollmentStream(programEnrollmentId));
      position = later(position, enrollment.position);
      if (!isWaitingUnder(enrollment.state, organisationId, externalUserKey)) continue;
      try {
        const result = await this.enrollments.execute(new ProgramEnrollmentCommandMessage({ type: 'LinkProgramEnrollment', programEnrollmentId, studentId }, each));
        if (result.events.length > 0) affected++;
        position = later(position, result.position);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        failures.push({ programEnrollmentId, error });
      }
    }
    if (failures.length > 0) {
      const first = failures[0].error;
      throw new DomainError(
        first.code,
        `Linked ${affected} waiting program enrollment${affected === 1 ? '' : 's'}; ${failures.length} could not be linked and stay waiting (see details).`,
        first.kind,
        failures.map(({ programEnrollmentId, error }) => ({ programEnrollmentId, error: error.code, message: error.message })),
      );
    }
    return { affected, position, correlationId: envelope.correlationId };
  }
}
