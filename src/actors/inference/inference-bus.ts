// The inference bus surface (the original's inference/llm_module_bus.rs): the four artifact keys, a publish helper
// per key, the response-only and firehose selector sets, and typed subscribe conveniences.
import { exact, type ExactSelector } from '../../runtime/artifact-selector.js';
import type { DeliveryReport, MessageBus, Unsubscribe } from '../../runtime/bus.js';
import type { FirstTokenEmitted, InferenceComplete, InferenceRequest, ResidencyFault } from './events.js';

export const INFERENCE_REQUEST_KEY = 'inference/llm.request';
export const INFERENCE_COMPLETE_KEY = 'inference/llm.complete';
export const FIRST_TOKEN_EMITTED_KEY = 'inference/llm.first_token';
export const RESIDENCY_FAULT_KEY = 'inference/llm.residency_fault';

/** The four keys, request first. */
export const INFERENCE_KEYS = [INFERENCE_REQUEST_KEY, INFERENCE_COMPLETE_KEY, FIRST_TOKEN_EMITTED_KEY, RESIDENCY_FAULT_KEY] as const;
export type InferenceKey = (typeof INFERENCE_KEYS)[number];

/** One inference event with the key it was published under (what the multi-key subscriptions deliver). */
export type InferenceMessage =
  | { readonly key: typeof INFERENCE_REQUEST_KEY; readonly event: InferenceRequest }
  | { readonly key: typeof INFERENCE_COMPLETE_KEY; readonly event: InferenceComplete }
  | { readonly key: typeof FIRST_TOKEN_EMITTED_KEY; readonly event: FirstTokenEmitted }
  | { readonly key: typeof RESIDENCY_FAULT_KEY; readonly event: ResidencyFault };
/** The three outcomes (never a request). */
export type InferenceResponseMessage = Exclude<InferenceMessage, { key: typeof INFERENCE_REQUEST_KEY }>;

/** Publishes an accepted request on `inference/llm.request`. */
export const publishInferenceRequest = (bus: MessageBus, event: InferenceRequest): DeliveryReport => bus.publish(INFERENCE_REQUEST_KEY, event);
/** Publishes a completion on `inference/llm.complete`. */
export const publishInferenceComplete = (bus: MessageBus, event: InferenceComplete): DeliveryReport => bus.publish(INFERENCE_COMPLETE_KEY, event);
/** Publishes a first token on `inference/llm.first_token`. */
export const publishFirstTokenEmitted = (bus: MessageBus, event: FirstTokenEmitted): DeliveryReport => bus.publish(FIRST_TOKEN_EMITTED_KEY, event);
/** Publishes a residency fault on `inference/llm.residency_fault`. */
export const publishResidencyFault = (bus: MessageBus, event: ResidencyFault): DeliveryReport => bus.publish(RESIDENCY_FAULT_KEY, event);

/**
 * The three outcome selectors — complete, first token, residency fault — as exact selectors; never the request
 * key. What most observers want: producers emit requests, observers watch outcomes.
 */
export function inferenceResponseSelectors(): ExactSelector[] {
  return [exact(INFERENCE_COMPLETE_KEY), exact(FIRST_TOKEN_EMITTED_KEY), exact(RESIDENCY_FAULT_KEY)];
}

/** All four selectors, the request included: the firehose (an audit recorder, a replay harness). */
export function allInferenceSelectors(): ExactSelector[] {
  return [exact(INFERENCE_REQUEST_KEY), ...inferenceResponseSelectors()];
}

function subscribeAll(bus: MessageBus, selectors: readonly ExactSelector[], handler: (message: InferenceMessage) => unknown): Unsubscribe {
  const offs: Unsubscribe[] = [];
  const deliver = (event: unknown, key: string): unknown => handler({ key, event } as InferenceMessage);
  for (const selector of selectors) offs.push(bus.subscribeArtifact(selector, deliver));
  return () => {
    for (const off of offs) off();
  };
}

/**
 * Subscribes `handler` to the three outcomes (the original's `subscribe_to_inference_responses`). It never sees a
 * request. Returns one function that ends all three subscriptions.
 *
 * @example
 * const off = subscribeToInferenceResponses(bus, (m) => { if (m.key === INFERENCE_COMPLETE_KEY) done(m.event) });
 */
export function subscribeToInferenceResponses(bus: MessageBus, handler: (message: InferenceResponseMessage) => unknown): Unsubscribe {
  return subscribeAll(bus, inferenceResponseSelectors(), handler as (message: InferenceMessage) => unknown);
}

/** Subscribes `handler` to all four keys, requests included (the firehose). */
export function subscribeToAllInference(bus: MessageBus, handler: (message: InferenceMessage) => unknown): Unsubscribe {
  return subscribeAll(bus, allInferenceSelectors(), handler);
}

/** Subscribes to `inference/llm.request` alone. */
export const onInferenceRequest = (bus: MessageBus, handler: (event: InferenceRequest) => unknown): Unsubscribe =>
  bus.subscribeArtifact<InferenceRequest>(exact(INFERENCE_REQUEST_KEY), (event) => handler(event));
/** Subscribes to `inference/llm.complete` alone. */
export const onInferenceComplete = (bus: MessageBus, handler: (event: InferenceComplete) => unknown): Unsubscribe =>
  bus.subscribeArtifact<InferenceComplete>(exact(INFERENCE_COMPLETE_KEY), (event) => handler(event));
/** Subscribes to `inference/llm.first_token` alone. */
export const onFirstTokenEmitted = (bus: MessageBus, handler: (event: FirstTokenEmitted) => unknown): Unsubscribe =>
  bus.subscribeArtifact<FirstTokenEmitted>(exact(FIRST_TOKEN_EMITTED_KEY), (event) => handler(event));
/** Subscribes to `inference/llm.residency_fault` alone. */
export const onResidencyFault = (bus: MessageBus, handler: (event: ResidencyFault) => unknown): Unsubscribe =>
  bus.subscribeArtifact<ResidencyFault>(exact(RESIDENCY_FAULT_KEY), (event) => handler(event));
