import { Random, Weighted, idAt } from './random';
import { ZhFaker } from './zh-faker';
import type { Company, Person } from './zh-faker';
import { LOST_REASONS } from './zh-data';
import { ACTIVITY_KINDS, activityContent, annualBudget, dealItemSpecs, discount } from './record-text';
import type { SeedPipeline, SeedUser } from './demo-org';
import { DAY, HOUR, iso, shanghaiDate } from './seed-batch';
import type { SeedContext, RowBatch } from './seed-batch';
import type { ContactInsertRow, DealInsertRow } from './seed-tables';
import { convertedLead, customerTags, customerTasks, pickStage } from './customer-extras';

/** Names are kept unique while there are few of them; past this, an occasional duplicate is realistic (查重). */
const UNIQUE_NAME_LIMIT = 200_000;

interface DealFacts {
  open: DealInsertRow[];
  wonTotal: number;
  lastWonAt: number | null;
  lostOnly: boolean;
  competitor: boolean;
  keyAccount: boolean;
}

/**
 * Customers with everything that hangs from them: contacts, deals and their items, follow-ups, tasks,
 * tags and (for some) the lead they were converted from. Content comes from per-kind streams (customer,
 * contact) and decisions from a separate "life" stream, so the first customers of a seed always look
 * the same.
 */
export class CustomerGenerator {
  private readonly company: ZhFaker;
  private readonly people: ZhFaker;
  private readonly life: Random;
  private readonly names = new Set<string>();
  private readonly owners: Weighted<SeedUser>;
  private readonly contactsPer: Weighted<number>;
  private readonly tasksPer: Weighted<number>;
  private readonly products: Map<string, { id: string; price: number }>;
  private readonly dataStart: number;

  constructor(
    private readonly ctx: SeedContext,
    private readonly total: number,
  ) {
    this.company = new ZhFaker(ctx.seed, 1);
    this.people = new ZhFaker(ctx.seed, 2);
    this.life = new Random(ctx.seed, 3);
    // Reps carry the book; managers keep a few key accounts.
    this.owners = new Weighted(ctx.org.owners.map((u) => [u, u.role === 'rep' ? 4 : 1] as const));
    this.contactsPer = new Weighted(ctx.profile.contacts);
    this.tasksPer = new Weighted(ctx.profile.tasks);
    this.products = new Map(ctx.org.products.map((p) => [p.sku, p]));
    // Customers arrive over two years; follow-ups cover the last 180 days.
    this.dataStart = ctx.now - 730 * DAY;
  }

  /** Customers [from, to) of the workspace, into `batch`. */
  build(from: number, to: number, batch: RowBatch): void {
    for (let i = from; i < to; i++) this.customer(i, batch);
  }

  private companyName(): Company {
    let c = this.company.company();
    for (
      let tries = 0;
      this.names.size < UNIQUE_NAME_LIMIT && this.names.has(c.name) && tries < 20;
      tries++
    ) {
      c = this.company.company();
    }
    if (this.names.size < UNIQUE_NAME_LIMIT) this.names.add(c.name);
    return c;
  }

  private customer(i: number, batch: RowBatch): void {
    const { ctx, life: r } = this;
    const ws = ctx.workspaceId;
    const cf = this.company;
    // Content: the customer's own fields, from the customer stream only.
    const company = this.companyName();
    const phone = cf.random.chance(0.85)
      ? cf.landline(company.city)
      : cf.random.chance(0.5)
        ? cf.mobile()
        : null;
    const email = cf.random.chance(0.45)
      ? `${cf.random.pick(['info', 'sales', 'contact', 'service', 'hr'])}@${company.brandPinyin}.com`
      : null;
    const website = cf.random.chance(0.55) ? cf.website(company.brandPinyin) : null;
    const address = cf.random.chance(0.8) ? cf.address(company.city) : null;
    const size = cf.size();
    const source = cf.source();

    // Life: who owns it, how it has been worked, what it bought.
    const createdAt = Math.floor(
      this.dataStart + ((i + r.next()) / this.total) * (ctx.now - this.dataStart - HOUR),
    );
    const pooled = r.chance(0.08);
    const owner = pooled ? null : this.owners.pick(r);
    const worker = owner ?? this.owners.pick(r); // the rep who worked a pooled customer before it was released
    const id = idAt(createdAt);

    const contacts = this.contacts(batch, id, company, phone, createdAt, worker.id);
    const deals = this.deals(batch, id, company, size, contacts[0]!, createdAt, owner, worker);
    const windowStart = Math.max(createdAt, ctx.now - 180 * DAY);
    const dormant = r.chance(0.12) && windowStart < ctx.now - 90 * DAY;
    const lastContact = this.activities(
      batch,
      id,
      contacts,
      deals.open[0] ?? null,
      windowStart,
      dormant,
      worker.id,
    );
    if (owner)
      customerTasks(
        ctx,
        r,
        this.tasksPer.pick(r),
        batch,
        id,
        company.brand,
        deals.open[0] ?? null,
        createdAt,
        owner.id,
      );

    const level = dormant
      ? '沉睡'
      : deals.wonTotal >= 10_000_000
        ? '高价值'
        : deals.open.length
          ? '潜力'
          : '普通';
    const status = deals.lastWonAt
      ? 'active'
      : dormant
        ? 'inactive'
        : deals.lostOnly && r.chance(0.5)
          ? 'lost'
          : 'potential';
    const custom: Record<string, unknown> = {};
    if (r.chance(0.6)) custom.annual_budget = annualBudget(r, size);
    if (r.chance(0.7)) custom.source_detail = source.detail;
    const updatedAt = Math.max(createdAt, lastContact ?? 0, deals.lastWonAt ?? 0);

    batch.customers.push({
      workspace_id: ws,
      id,
      name: company.name,
      industry: company.industry.name,
      region: cf.region(company.city),
      size,
      level,
      source: source.name,
      status,
      phone,
      email,
      website,
      address,
      description: r.chance(0.1)
        ? `${company.industry.name}行业客户，主营${company.industry.words[0]}业务。`
        : null,
      owner_id: owner?.id ?? null,
      last_contact_at: lastContact === null ? null : iso(lastContact),
      last_won_at: deals.lastWonAt === null ? null : iso(deals.lastWonAt),
      last_purchase_at: deals.lastWonAt === null ? null : iso(deals.lastWonAt),
      custom: ctx.dialect.writeJson(custom),
      created_by: worker.id,
      created_at: iso(createdAt),
      updated_at: iso(updatedAt),
      deleted_at: null,
      deleted_by: null,
    });
    batch.index('customer', id, [
      { kind: 'text', value: company.name },
      { kind: 'phone', value: phone },
      { kind: 'email', value: email },
    ]);
    customerTags(ctx, r, batch, id, level, deals, dormant, createdAt, updatedAt);
    if (r.chance(ctx.profile.convertedLeadRate))
      convertedLead(
        ctx,
        r,
        batch,
        id,
        company,
        cf.region(company.city),
        source,
        contacts[0]!,
        createdAt,
        worker.id,
      );
  }

  private contacts(
    batch: RowBatch,
    customerId: string,
    company: Company,
    companyPhone: string | null,
    createdAt: number,
    by: string,
  ) {
    const p = this.people;
    const out: (ContactInsertRow & { person: Person })[] = [];
    const n = this.contactsPer.pick(this.life);
    for (let k = 0; k < n; k++) {
      const person = p.person();
      const mobile = p.random.chance(0.92) ? p.mobile() : null;
      const phone =
        companyPhone && p.random.chance(0.3) ? `${companyPhone}转${p.random.int(800, 8999)}` : null;
      const email = p.random.chance(0.4)
        ? p.workEmail(person, company.brandPinyin)
        : p.random.chance(0.35)
          ? p.personalEmail(person)
          : null;
      const at = Math.min(this.ctx.now, createdAt + k * this.life.int(0, 90) * DAY);
      const row = {
        workspace_id: this.ctx.workspaceId,
        id: idAt(at),
        customer_id: customerId,
        name: person.name,
        title: p.jobTitle(),
        mobile,
        phone,
        email,
        wechat: p.wechat(mobile),
        is_primary: k === 0 ? 1 : 0,
        notes: null,
        custom: '{}',
        created_by: by,
        created_at: iso(at),
        updated_at: iso(at),
        deleted_at: null,
        deleted_by: null,
      };
      batch.contacts.push(row);
      batch.index('contact', row.id, [
        { kind: 'text', value: row.name },
        { kind: 'phone', value: mobile },
        { kind: 'phone', value: phone },
        { kind: 'email', value: email },
      ]);
      out.push({ ...row, person });
    }
    return out;
  }

  private deals(
    batch: RowBatch,
    customerId: string,
    company: Company,
    size: string,
    contact: ContactInsertRow,
    createdAt: number,
    owner: SeedUser | null,
    worker: SeedUser,
  ): DealFacts {
    const { ctx, life: r } = this;
    const facts: DealFacts = {
      open: [],
      wonTotal: 0,
      lastWonAt: null,
      lostOnly: false,
      competitor: false,
      keyAccount: false,
    };
    if (!r.chance(ctx.profile.dealRate)) return facts;
    const n = r.chance(0.15) ? 2 : 1;
    let lost = 0;
    for (let k = 0; k < n; k++) {
      const big = (size === '500-999' || size === '1000+' || size === '100-499') && r.chance(0.35);
      const pipeline: SeedPipeline = ctx.org.pipelines[big ? 1 : 0]!;
      const stage = pickStage(r, pipeline.stages, owner === null);
      const dealCreated = Math.min(ctx.now - DAY, createdAt + r.int(0, 60) * DAY + r.int(0, 23) * HOUR);
      const entered = dealCreated + Math.floor(r.next() * (ctx.now - dealCreated));
      const id = idAt(dealCreated);
      let amount = 0;
      for (const [position, spec] of dealItemSpecs(r, size, big).entries()) {
        const product = this.products.get(spec.sku)!;
        const off = discount(r);
        const lineAmount = Math.round((spec.quantity * product.price * (100 - off)) / 100);
        amount += lineAmount;
        batch.dealItems.push({
          workspace_id: ctx.workspaceId,
          id: idAt(dealCreated),
          deal_id: id,
          product_id: product.id,
          position,
          quantity: spec.quantity,
          unit_price: product.price,
          discount_percent: off,
          amount: lineAmount,
        });
      }
      const competitor = r.chance(0.4)
        ? r.pick(['xiaoshouyi', 'fxiaoke', 'salesforce', 'in_house', 'excel'])
        : null;
      const closeDate =
        stage.kind === 'open' ? shanghaiDate(ctx.now + r.int(-20, 120) * DAY) : shanghaiDate(entered);
      const row: DealInsertRow = {
        workspace_id: ctx.workspaceId,
        id,
        name: `${company.brand}${r.pick(company.industry.projects)}`,
        customer_id: customerId,
        contact_id: contact.id,
        pipeline_id: pipeline.id,
        stage_id: stage.id,
        status: stage.kind,
        amount,
        currency: 'CNY',
        expected_close_date: closeDate,
        stage_entered_at: iso(entered),
        won_at: stage.kind === 'won' ? iso(entered) : null,
        lost_at: stage.kind === 'lost' ? iso(entered) : null,
        lost_reason: stage.kind === 'lost' ? r.pick(LOST_REASONS) : null,
        description: null,
        owner_id: (owner ?? worker).id,
        custom: ctx.dialect.writeJson(competitor ? { competitor } : {}),
        created_by: (owner ?? worker).id,
        created_at: iso(dealCreated),
        updated_at: iso(entered),
        deleted_at: null,
        deleted_by: null,
      };
      batch.deals.push(row);
      batch.index('deal', id, [{ kind: 'text', value: row.name }]);
      if (stage.kind === 'open') facts.open.push(row);
      if (stage.kind === 'lost') lost++;
      if (stage.kind === 'won') {
        facts.wonTotal += amount;
        facts.lastWonAt = Math.max(facts.lastWonAt ?? 0, entered);
      }
      facts.competitor ||= competitor !== null;
      facts.keyAccount ||= big;
    }
    facts.lostOnly = lost === n;
    return facts;
  }

  /** Follow-ups in the last 180 days; returns the last contact (notes are not contact). */
  private activities(
    batch: RowBatch,
    customerId: string,
    contacts: (ContactInsertRow & { person: Person })[],
    openDeal: DealInsertRow | null,
    windowStart: number,
    dormant: boolean,
    authorId: string,
  ): number | null {
    const { ctx, life: r } = this;
    const { activitiesMin: min, activitiesMax: max, activitiesBonus: bonus } = ctx.profile;
    const n = dormant ? r.int(0, 1) : r.int(min, max) + (r.chance(bonus) ? 1 : 0);
    const windowEnd = dormant ? ctx.now - 90 * DAY : ctx.now;
    let last: number | null = null;
    for (let k = 0; k < n; k++) {
      const at = Math.floor(windowStart + r.next() * (windowEnd - windowStart));
      const kind = ACTIVITY_KINDS.pick(r);
      const contact = kind === 'note' ? null : r.pick(contacts);
      const dealCreated = openDeal ? Date.parse(openDeal.created_at) : Infinity;
      batch.activities.push({
        workspace_id: ctx.workspaceId,
        id: idAt(at),
        kind,
        content: activityContent(r, kind, contact?.name ?? null, contacts[0]!.title),
        customer_id: customerId,
        contact_id: contact?.id ?? null,
        deal_id: openDeal && at >= dealCreated && r.chance(0.5) ? openDeal.id : null,
        lead_id: null,
        occurred_at: iso(at),
        author_id: authorId,
        created_at: iso(at),
        updated_at: iso(at),
        deleted_at: null,
        deleted_by: null,
      });
      if (kind !== 'note' && (last === null || at > last)) last = at;
    }
    return last;
  }
}
