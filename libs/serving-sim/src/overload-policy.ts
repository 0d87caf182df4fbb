import type { OverloadPolicyKind, RejectionReason } from './types.js';

/** What the admission controller does with a class under overload (one interface, house rule 6). */
export interface OverloadPolicy {
  /** Running requests of the class may be evicted to admit a higher class. */
  readonly preemptible: boolean;
  /** Queue length kept when the class sets none. */
  readonly defaultMaxQueueLength: number;
  /** Reason counted when a request does not fit in the queue. */
  readonly overflowReason: RejectionReason;
}

export const OVERLOAD_POLICIES = {
  queue: { preemptible: false, defaultMaxQueueLength: Number.POSITIVE_INFINITY, overflowReason: 'queue-full' },
  preempt: { preemptible: true, defaultMaxQueueLength: Number.POSITIVE_INFINITY, overflowReason: 'queue-full' },
  reject: { preemptible: false, defaultMaxQueueLength: 0, overflowReason: 'no-capacity' },
} as const satisfies Record<OverloadPolicyKind, OverloadPolicy>;
