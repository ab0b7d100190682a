import type { Executor } from '../../core/transaction';

/** Everyone who might sign in with this address, in every workspace or the one named. */
export async function findLoginCandidates(trx: Executor, email: string, workspaceSlug?: string) {
  let q = trx
    .selectFrom('users as u')
    .innerJoin('workspaces as w', 'w.id', 'u.workspace_id')
    .select([
      'u.id',
      'u.workspace_id',
      'u.password_hash',
      'u.status',
      'u.failed_logins',
      'u.locked_until',
      'w.slug as workspace_slug',
      'w.name as workspace_name',
    ])
    .where('u.email', '=', email);
  if (workspaceSlug !== undefined) q = q.where('w.slug', '=', workspaceSlug);
  return q.orderBy('w.slug').execute();
}
export type LoginCandidate = Awaited<ReturnType<typeof findLoginCandidates>>[number];

export async function findWorkspace(trx: Executor, id: string) {
  return trx.selectFrom('workspaces').selectAll().where('id', '=', id).executeTakeFirst();
}
