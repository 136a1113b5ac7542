import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandEnvelope, CommandResult } from '../event-store/command-envelope';
import { CommandHandling, revisionMismatch } from '../event-store/command-handling';
import { academicYearRegistryDecider } from './academic-year-registry.decider';
import { AcademicYearCommandMessage, DefineAcademicYear } from './academic-year.commands';
import { academicYearDecider } from './academic-year.decider';
import { ACADEMIC_YEAR_REGISTRY_STREAM, academicYearStream } from './academic-year.stream';

@CommandHandler(AcademicYearCommandMessage)
export class AcademicYearCommandHandler implements ICommandHandler<AcademicYearCommandMessage, CommandResult> {
  constructor(private readonly commands: CommandHandling) {}

  async execute({ command, envelope }: AcademicYearCommandMessage): Promise<CommandResult> {
    const streamId = academicYearStream(command.academicYearId);
    if (command.type === 'DefineAcademicYear') await this.register(command, streamId, envelope);
    return this.commands.handle({ decider: academicYearDecider, aggregateId: command.academicYearId, streamId, command, envelope });
  }

  /**
   * A new year first takes its place in the registry (expected revision: no overlap can slip in);
   * a crash before the year's own append is healed by repeating the command.
   */
  private async register(command: DefineAcademicYear, streamId: string, envelope: CommandEnvelope): Promise<void> {
    const year = await this.commands.load(academicYearDecider, streamId);
    if (envelope.expectedRevision !== undefined && envelope.expectedRevision !== (year.revision ?? -1n)) throw revisionMismatch(year.revision);
    if (year.state.status !== 'none') return;
    const { type: _type, ...range } = command;
    await this.commands.handle({
      decider: academicYearRegistryDecider,
      aggregateId: command.academicYearId,
      streamId: ACADEMIC_YEAR_REGISTRY_STREAM,
      command: { type: 'RegisterAcademicYearRange', ...range },
      // The registry is shared: a caller's Idempotency-Key or If-Match belongs to the year's stream only.
      envelope: { ...envelope, idempotencyKey: undefined, expectedRevision: undefined },
    });
  }
}
