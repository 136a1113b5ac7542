import { Inject, Injectable } from '@nestjs/common';
import { OrganisationTree } from '../../src/auth/read-scope';
import { DOCUMENT_STORE, DocumentStore } from '../../src/read-store/document-store.port';
import { ORGANISATIONS, OrganisationDocument } from './organisations.read-model';

/** As deep as the organisation aggregate lets a hierarchy go. */
const MAX_DEPTH = 16;

/** Descendants by the indexed `parentId`, one query per level: what a district's token also covers. */
@Injectable()
export class OrganisationTreeQuery implements OrganisationTree {
  constructor(@Inject(DOCUMENT_STORE) private readonly documents: DocumentStore) {}

  async descendantsOf(organisationIds: string[]): Promise<string[]> {
    const found = new Set<string>(organisationIds);
    const below: string[] = [];
    let frontier = organisationIds;
    for (let depth = 0; depth < MAX_DEPTH && frontier.length > 0; depth++) {
      const children = await this.documents.collection<OrganisationDocument>(ORGANISATIONS).find({ parentId: { $in: frontier } });
      frontier = children.map((c) => c.organisationId).filter((id) => !found.has(id));
      for (const id of frontier) found.add(id);
      below.push(...frontier);
    }
    return below;
  }
}
