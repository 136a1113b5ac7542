import { streamIdOf } from '../shared/ids';
import { AllowanceKey } from './mentor-allowance.commands';

export const mentorAllowanceStream = (key: AllowanceKey) => streamIdOf('mentor-allowance', `${key.mentorId}.${key.providerId}.${key.academicYearId}`);
