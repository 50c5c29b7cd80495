/**
 * The local Events service. See ARCHITECTURE.md "Events router".
 *
 * @example
 * const router = createEventsRouter({ rules, invoker: createInvokeClient({ endpoint: emu.url, auth }) });
 * router.attach(emu.events);
 */
export {
  createEventsRouter,
  DEFAULT_RETRY,
  isRetryableStatus,
  type EventsRouter,
  type EventsRouterOptions,
  type Delivery,
  type DeliveryTarget,
  type Chaos,
  type RetryPolicy,
  type EventBusLike,
} from './router.ts';
export {
  matches,
  validateRules,
  type EventRule,
  type Condition,
  type ConditionValue,
  type RuleAction,
} from './rules.ts';
