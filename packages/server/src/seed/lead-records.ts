import { Random, Weighted, idAt } from './random';
import { ZhFaker } from './zh-faker';
import { ACTIVITY_KINDS, activityContent } from './record-text';
import type { SeedUser } from './demo-org';
import { DAY, iso } from './seed-batch';
import type { SeedContext, RowBatch } from './seed-batch';
import { PRODUCTS, REACTIONS } from './zh-data';

type OpenLeadStatus = 'new' | 'contacted' | 'qualified' | 'disqualified';

const STATUSES = new Weighted<OpenLeadStatus>([
  ['new', 35],
  ['contacted', 35],
  ['qualified', 15],
  ['disqualified', 15],
]);

const SCORE: Record<OpenLeadStatus, [number, number]> = {
  new: [0, 50],
  contacted: [30, 80],
  qualified: [60, 100],
  disqualified: [0, 30],
};

const DISQUALIFIED = ['无采购预算', '个人咨询，非企业需求', '号码空号', '同行了解产品', '已采购竞品'];

/**
 * Leads not (yet) converted: the last 120 days of inbound interest, some still unassigned, the worked
 * ones with a follow-up or two from their owner.
 */
export class LeadGenerator {
  private readonly faker: ZhFaker;
  private readonly life: Random;
  private readonly reps: SeedUser[];
  private readonly marketing: SeedUser;

  constructor(
    private readonly ctx: SeedContext,
    private readonly total: number,
  ) {
    this.faker = new ZhFaker(ctx.seed, 4);
    this.life = new Random(ctx.seed, 5);
    this.reps = ctx.org.reps;
    this.marketing = ctx.org.users.find((u) => u.role === 'marketing') ?? ctx.org.users[0]!;
  }

  build(from: number, to: number, batch: RowBatch): void {
    for (let i = from; i < to; i++) this.lead(i, batch);
  }

  private lead(i: number, batch: RowBatch): void {
    const { ctx, faker: f, life: r } = this;
    const person = f.person();
    const company = f.random.chance(0.85) ? f.company() : null;
    const mobile = f.random.chance(0.9) ? f.mobile() : null;
    const phone = company && f.random.chance(0.3) ? f.landline(company.city) : null;
    const email = f.random.chance(0.5)
      ? company && f.random.chance(0.6)
        ? f.workEmail(person, company.brandPinyin)
        : f.personalEmail(person)
      : null;
    const source = f.source();
    const city = company?.city ?? f.city();

    const start = ctx.now - 120 * DAY;
    const createdAt = Math.floor(start + ((i + r.next()) / this.total) * (ctx.now - start));
    const status = STATUSES.pick(r);
    const owner = status === 'new' && r.chance(0.45) ? null : r.pick(this.reps);
    const [lo, hi] = SCORE[status];
    const score = r.int(lo, hi);
    const id = idAt(createdAt);

    let lastContact: number | null = null;
    if (owner && (status === 'contacted' || status === 'qualified' || status === 'disqualified')) {
      const n = r.int(1, 2);
      for (let k = 0; k < n; k++) {
        const at = Math.floor(createdAt + r.next() * (ctx.now - createdAt));
        const kind = ACTIVITY_KINDS.pick(r);
        batch.activities.push({
          workspace_id: ctx.workspaceId,
          id: idAt(at),
          kind,
          content: activityContent(r, kind, person.name, null),
          customer_id: null,
          contact_id: null,
          deal_id: null,
          lead_id: id,
          occurred_at: iso(at),
          author_id: owner.id,
          created_at: iso(at),
          updated_at: iso(at),
          deleted_at: null,
          deleted_by: null,
        });
        if (kind !== 'note' && (lastContact === null || at > lastContact)) lastContact = at;
      }
    }
    const description =
      status === 'disqualified'
        ? r.pick(DISQUALIFIED)
        : r.chance(0.3)
          ? `咨询${r.pick(PRODUCTS).name}，${r.pick(REACTIONS)}。`
          : null;
    const intent = score >= 70 ? 'high' : score >= 40 ? 'medium' : 'low';
    batch.leads.push({
      workspace_id: ctx.workspaceId,
      id,
      name: person.name,
      company_name: company?.name ?? null,
      title: company ? f.jobTitle() : null,
      mobile,
      phone,
      email,
      source: source.name,
      channel: r.pick(source.channels),
      region: f.region(city),
      industry: company?.industry.name ?? null,
      status,
      grade: score >= 80 ? 'A' : score >= 60 ? 'B' : score >= 40 ? 'C' : 'D',
      score,
      description,
      owner_id: owner?.id ?? null,
      custom: ctx.dialect.writeJson(r.chance(0.7) ? { intent } : {}),
      converted_customer_id: null,
      converted_contact_id: null,
      converted_deal_id: null,
      converted_at: null,
      last_contact_at: lastContact === null ? null : iso(lastContact),
      created_by: this.marketing.id,
      created_at: iso(createdAt),
      updated_at: iso(Math.max(createdAt, lastContact ?? 0)),
      deleted_at: null,
      deleted_by: null,
    });
    batch.index('lead', id, [
      { kind: 'text', value: person.name },
      { kind: 'text', value: company?.name },
      { kind: 'phone', value: mobile },
      { kind: 'phone', value: phone },
      { kind: 'email', value: email },
    ]);
  }
}
