// The synthetic memory generator's world: channels, task domains, topic clusters (real English words, so word
// vectors can be evaluated too) and the filler words every message shares.

export interface SyntheticTopic {
  readonly name: string;
  readonly domain: string;
  /** The channel most of its threads live in. */
  readonly home: string;
  readonly words: readonly string[];
}

export const SYNTHETIC_CHANNELS: readonly string[] = ['general', 'engineering', 'design', 'support', 'planning', 'random'];

export const SYNTHETIC_DOMAINS: readonly string[] = ['code', 'design', 'support', 'planning', 'writing', 'analysis', 'conversational'];

export const SYNTHETIC_TOPICS: readonly SyntheticTopic[] = [
  { name: 'database', domain: 'code', home: 'engineering', words: ['postgres', 'migration', 'schema', 'table', 'index', 'column', 'rollback', 'query', 'replica', 'transaction', 'lock', 'vacuum'] },
  { name: 'frontend', domain: 'code', home: 'engineering', words: ['webpack', 'bundle', 'react', 'component', 'render', 'css', 'hydration', 'props', 'vite', 'chunk', 'lazy', 'stylesheet'] },
  { name: 'ci', domain: 'code', home: 'engineering', words: ['pipeline', 'build', 'runner', 'flaky', 'test', 'cache', 'artifact', 'docker', 'image', 'deploy', 'staging', 'rollout'] },
  { name: 'api', domain: 'code', home: 'engineering', words: ['endpoint', 'rest', 'graphql', 'payload', 'pagination', 'auth', 'token', 'rate', 'limit', 'versioning', 'webhook', 'client'] },
  { name: 'incidents', domain: 'code', home: 'engineering', words: ['outage', 'pager', 'alert', 'latency', 'timeout', 'incident', 'postmortem', 'oncall', 'dashboard', 'error', 'spike', 'mitigation'] },
  { name: 'security', domain: 'code', home: 'engineering', words: ['vulnerability', 'patch', 'cve', 'audit', 'encryption', 'secret', 'rotation', 'firewall', 'permission', 'scanner', 'exploit', 'compliance'] },
  { name: 'brand', domain: 'design', home: 'design', words: ['logo', 'palette', 'typography', 'font', 'brand', 'color', 'contrast', 'icon', 'grid', 'spacing', 'kerning', 'mockup'] },
  { name: 'research', domain: 'design', home: 'design', words: ['survey', 'usability', 'prototype', 'journey', 'feedback', 'participant', 'insight', 'wireframe', 'onboarding', 'friction', 'session', 'observation'] },
  { name: 'billing', domain: 'support', home: 'support', words: ['invoice', 'refund', 'charge', 'subscription', 'billing', 'receipt', 'card', 'payment', 'plan', 'upgrade', 'discount', 'trial'] },
  { name: 'login', domain: 'support', home: 'support', words: ['password', 'reset', 'login', 'account', 'locked', 'email', 'verification', 'sso', 'twofactor', 'browser', 'cookie', 'signin'] },
  { name: 'roadmap', domain: 'planning', home: 'planning', words: ['roadmap', 'quarter', 'milestone', 'priority', 'okr', 'deadline', 'scope', 'estimate', 'backlog', 'epic', 'launch', 'dependency'] },
  { name: 'hiring', domain: 'planning', home: 'general', words: ['candidate', 'recruiter', 'offer', 'salary', 'onsite', 'resume', 'referral', 'headcount', 'role', 'hiring', 'panel', 'reference'] },
  { name: 'docs', domain: 'writing', home: 'general', words: ['documentation', 'tutorial', 'guide', 'readme', 'changelog', 'draft', 'edit', 'wording', 'paragraph', 'glossary', 'example', 'publish'] },
  { name: 'analytics', domain: 'analysis', home: 'planning', words: ['metric', 'funnel', 'retention', 'cohort', 'conversion', 'churn', 'experiment', 'variant', 'significance', 'report', 'trend', 'segment'] },
  { name: 'travel', domain: 'conversational', home: 'random', words: ['offsite', 'flight', 'hotel', 'venue', 'agenda', 'dinner', 'booking', 'train', 'visa', 'itinerary', 'luggage', 'airport'] },
  { name: 'food', domain: 'conversational', home: 'random', words: ['lunch', 'pizza', 'tacos', 'coffee', 'bakery', 'recipe', 'sushi', 'salad', 'brunch', 'dessert', 'menu', 'espresso'] },
];

/** Words every kind of message uses: they make unrelated messages look a little alike, as real chat does. */
export const FILLER_WORDS: readonly string[] = [
  'think', 'maybe', 'should', 'could', 'today', 'tomorrow', 'next', 'week', 'team', 'update', 'check', 'looks', 'good', 'need',
  'please', 'thanks', 'sure', 'quick', 'question', 'status', 'done', 'still', 'also', 'just', 'really', 'probably', 'anyone',
  'know', 'again', 'later', 'idea', 'issue', 'change', 'work', 'time', 'help', 'yes', 'okay', 'great', 'soon',
];

const SYLLABLES = ['ka', 'lo', 'mir', 'ven', 'tas', 'dor', 'qui', 'zen', 'bra', 'nol', 'fi', 'rak', 'sul', 'tem', 'vo', 'gri', 'pha', 'lun', 'mek', 'sor'];

/** A pronounceable made-up name (a project, ticket or person) from two or three syllables, e.g. `venrak`. */
export function entityName(next: () => number): string {
  const n = 2 + Math.floor(next() * 2);
  let s = '';
  for (let i = 0; i < n; i++) s += SYLLABLES[Math.floor(next() * SYLLABLES.length)]!;
  return s;
}
