import { createHmac } from 'node:crypto';
import { SHARE_CHANNELS, type ShareChannel } from '../../../shared/schemas/sharing';
import { randomId } from '../lib/crypto';
import { transaction, type Db } from './engine';

/** What a counter counts: a view of the public badge page, or a share through one channel. */
export type BadgeEvent = 'view' | ShareChannel;

export function utcDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/**
 * Adds one to today's counter of `event` for the assertion, in one atomic upsert (nodes counting at the
 * same moment all add up). Does nothing for an unknown assertion (the INSERT selects from assertions),
 * so a counter can never point at nothing.
 */
export async function recordBadgeEvent(db: Db, assertionId: string, event: BadgeEvent, now = new Date()): Promise<void> {
  await db
    .insertInto('assertion_daily_counts')
    .columns(['assertion_id', 'event', 'day', 'count'])
    .expression((eb) =>
      eb
        .selectFrom('assertions')
        .select((inner) => ['id', inner.val(event).as('event'), inner.val(utcDay(now)).as('day'), inner.lit(1).as('count')])
        .where('id', '=', assertionId),
    )
    .onConflict((oc) => oc.columns(['assertion_id', 'event', 'day']).doUpdateSet((eb) => ({ count: eb('assertion_daily_counts.count', '+', 1) })))
    .execute();
}

/**
 * The secret of one UTC day for the counted-client hashes, the same on every node: the first node to need
 * it stores a random one, the others read it. Deleted once the day is over (deleteOldCountedClients), and
 * with it any way to tell whose hashes they were.
 */
export async function counterSalt(db: Db, day: string): Promise<string> {
  await db.insertInto('counter_salts').values({ day, salt: randomId(32) }).onConflict((oc) => oc.column('day').doNothing()).execute();
  return (await db.selectFrom('counter_salts').select('salt').where('day', '=', day).executeTakeFirstOrThrow()).salt;
}

/** HMAC-SHA256 of the parts under a day's salt, hex. */
export function saltedHash(salt: string, ...parts: string[]): string {
  return createHmac('sha256', salt).update(parts.join('\u0000')).digest('hex');
}

/** A client as the counters see it: its rate-limit address key (IPv6 by /64), its User-Agent, its visitor id. */
export interface CountedClient {
  address: string;
  userAgent: string;
  visitor: string;
}

/** At most this many clients of one address count for one badge, event and day (a client can vary its User-Agent and cookie at will). */
export const MAX_COUNTED_CLIENTS_PER_ADDRESS = 10;

/** One counted event: the client as its hashes under the day's salt (counterSalt), never its address. */
export interface ClientBadgeEvent {
  assertionId: string;
  event: BadgeEvent;
  /** UTC day, YYYY-MM-DD. */
  day: string;
  clientHash: string;
  addressHash: string;
}

/** The hashes a client is counted by on one day (under that day's salt). */
export function clientHashes(salt: string, client: CountedClient): { clientHash: string; addressHash: string } {
  return {
    clientHash: saltedHash(salt, 'client', client.address, client.userAgent, client.visitor),
    addressHash: saltedHash(salt, 'address', client.address),
  };
}

/**
 * Counts each event once per client, badge and UTC day: the client's hash is recorded with the badge, and
 * that day's counter goes up only when that record is new (at most MAX_COUNTED_CLIENTS_PER_ADDRESS clients of
 * one address). All in one transaction; two nodes counting the same client at the same moment insert one
 * record between them (primary key), so one of them counts. Answers, in order, whether each event counted.
 */
export async function countClientBadgeEvents(db: Db, events: readonly ClientBadgeEvent[]): Promise<boolean[]> {
  if (events.length === 0) return [];
  return transaction(db, async (trx) => {
    const counted: boolean[] = [];
    for (const { assertionId, event, day, clientHash, addressHash } of events) {
      const { clients } = await trx
        .selectFrom('assertion_event_clients')
        .select((eb) => eb.fn.countAll<number>().as('clients'))
        .where('assertion_id', '=', assertionId)
        .where('event', '=', event)
        .where('day', '=', day)
        .where('address_hash', '=', addressHash)
        .executeTakeFirstOrThrow();
      if (Number(clients) >= MAX_COUNTED_CLIENTS_PER_ADDRESS) {
        counted.push(false);
        continue;
      }
      const inserted = await trx
        .insertInto('assertion_event_clients')
        .columns(['assertion_id', 'event', 'day', 'client_hash', 'address_hash'])
        .expression((eb) =>
          eb
            .selectFrom('assertions')
            .select((inner) => ['id', inner.val(event).as('event'), inner.val(day).as('day'), inner.val(clientHash).as('client_hash'), inner.val(addressHash).as('address_hash')])
            .where('id', '=', assertionId),
        )
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst();
      const isNew = Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 1;
      if (isNew) await recordBadgeEvent(trx, assertionId, event, new Date(`${day}T12:00:00.000Z`));
      counted.push(isNew);
    }
    return counted;
  });
}

/** Forgets the counted clients and salts of days before `now`'s: a new day counts everyone afresh. */
export async function deleteOldCountedClients(db: Db, now = new Date()): Promise<number> {
  const today = utcDay(now);
  const result = await db.deleteFrom('assertion_event_clients').where('day', '<', today).executeTakeFirst();
  await db.deleteFrom('counter_salts').where('day', '<', today).execute();
  return Number(result.numDeletedRows);
}

export type ShareCounts = Record<ShareChannel, number>;

export interface BadgeClassStats {
  id: string;
  name: string;
  views: number;
  shares: ShareCounts;
}

export interface StatsRange {
  /** Inclusive UTC day, YYYY-MM-DD. */
  from?: string;
  /** Inclusive UTC day, YYYY-MM-DD. */
  to?: string;
}

function zeroShares(): ShareCounts {
  return Object.fromEntries(SHARE_CHANNELS.map((channel) => [channel, 0])) as ShareCounts;
}

/** Views and shares of every badge class of one issuer (zeros included), by name. */
export async function issuerBadgeStats(db: Db, issuerId: string, range: StatsRange = {}): Promise<BadgeClassStats[]> {
  const classes = await db.selectFrom('badge_classes').select(['id', 'name']).where('issuer_id', '=', issuerId).orderBy('name').orderBy('id').execute();
  let totalsQuery = db
    .selectFrom('assertion_daily_counts as c')
    .innerJoin('assertions as a', 'a.id', 'c.assertion_id')
    .innerJoin('badge_classes as b', 'b.id', 'a.badge_class_id')
    .select((eb) => ['a.badge_class_id', 'c.event', eb.fn.sum<number>('c.count').as('total')])
    .where('b.issuer_id', '=', issuerId)
    .groupBy(['a.badge_class_id', 'c.event']);
  if (range.from) totalsQuery = totalsQuery.where('c.day', '>=', range.from);
  if (range.to) totalsQuery = totalsQuery.where('c.day', '<=', range.to);
  const totals = await totalsQuery.execute();

  const stats = new Map<string, BadgeClassStats>(
    classes.map((badgeClass) => [badgeClass.id, { ...badgeClass, views: 0, shares: zeroShares() }]),
  );
  for (const { badge_class_id, event, total } of totals) {
    const entry = stats.get(badge_class_id);
    if (!entry) continue;
    if (event === 'view') entry.views = Number(total);
    else entry.shares[event as ShareChannel] = Number(total);
  }
  return [...stats.values()];
}
