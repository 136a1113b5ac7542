import { Controller, Get, Inject, Param } from '@nestjs/common';
import { RequireRole } from '../../src/auth/auth.decorators';
import { ScopedResource } from '../../src/auth/read-scope';
import { ApiError } from '../../src/http/api-error';
import { ValidId } from '../../src/http/path-ids';
import { ReadModel } from '../../src/http/read-consistency';
import { DOCUMENT_STORE, DocumentStore } from '../../src/read-store/document-store.port';
import { staffUser, StaffUserView } from './staff-users.queries';

@Controller('v1/users')
export class StaffUsersController {
  constructor(@Inject(DOCUMENT_STORE) private readonly documents: DocumentStore) {}

  @Get(':id')
  @RequireRole('reports')
  @ScopedResource('user')
  @ReadModel('staff-users')
  async get(@Param('id', ValidId) id: string): Promise<StaffUserView> {
    const user = await staffUser(this.documents, id);
    if (!user) throw new ApiError(404, 'NotFound', `User ${id} does not exist.`);
    return user;
  }
}
