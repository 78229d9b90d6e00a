import type { RoomRecord } from '../chat/model.ts';
import type { RoomStore } from '../chat/ports.ts';
import type { VerifiedCustomer } from '../protocol/index.ts';
import type { RoomRecords } from './room-records.ts';

/** A room's signed-in customer: whose room it is, and the anonymous rooms carried on in it. */
export function roomCustomer(records: RoomRecords): Pick<RoomStore, 'verifyCustomer' | 'mergeInto'> {
  return {
    async verifyCustomer(roomId: string, customer: VerifiedCustomer): Promise<{ room: RoomRecord; changed: boolean } | undefined> {
      const before = await records.update(roomId, {
        set: [
          'createdAt = if_not_exists(createdAt, :now)',
          '#status = if_not_exists(#status, :open)',
          'customer = :customer',
          'customerId = :id',
        ],
        condition: '(attribute_not_exists(customerId) OR customerId = :id) AND attribute_not_exists(mergedInto)',
        names: { '#status': 'status' },
        values: { ':now': customer.verifiedAt, ':open': 'open', ':customer': customer, ':id': customer.id },
        returnOld: true,
        activeAt: customer.verifiedAt,
      });
      if (!before) return undefined;
      const room: RoomRecord = {
        ...before,
        roomId,
        createdAt: before.createdAt ?? customer.verifiedAt,
        status: before.status ?? 'open',
        customer,
        customerId: customer.id,
        revision: (before.revision ?? 0) + 1,
      };
      const { verifiedAt: _old, ...was } = before.customer ?? ({} as Partial<VerifiedCustomer>);
      const { verifiedAt: _now, ...is } = customer;
      return { room, changed: JSON.stringify(sortedKeys(was)) !== JSON.stringify(sortedKeys(is)) };
    },

    async mergeInto(roomId: string, customer: VerifiedCustomer, into: string): Promise<RoomRecord | undefined> {
      return records.update(roomId, {
        set: ['customer = :customer', 'customerId = :id', 'mergedInto = :into', '#status = :closed'],
        condition:
          'attribute_exists(roomId) AND (attribute_not_exists(customerId) OR customerId = :id) AND (attribute_not_exists(mergedInto) OR mergedInto = :into)',
        names: { '#status': 'status' },
        values: { ':customer': customer, ':id': customer.id, ':into': into, ':closed': 'closed' },
      });
    },
  };
}

/** An object with its keys in order, nested ones too, so two equal values serialize alike whatever order the store kept. */
function sortedKeys(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  return Object.fromEntries(
    Object.entries(value)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([k, v]) => [k, sortedKeys(v)]),
  );
}
