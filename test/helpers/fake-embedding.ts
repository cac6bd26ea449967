/**
 * A deterministic fake embedding model for tests and the semantic cache evaluation, served by the fake OpenAI
 * server for models whose name holds `fake-semantic`. It is a bag of concepts over a small fixed vocabulary: words of one
 * synonym group ("reset", "change", "update") map to one concept, stop words drop out, and every concept or unknown
 * word gets a fixed pseudo-random direction. Like a real model it puts paraphrases close together, and like a real
 * model it puts near-misses close too: negation words weigh little ("cancel my order" / "don't cancel my order"
 * score ~0.98), and a number or a name is one word among several ("$50" / "$500"). It measures the cache's
 * mechanics (threshold, guard, scope, context), not the quality of any real model.
 */

export const FAKE_SEMANTIC_DIMENSIONS = 256;

/** One line per concept: its words (stemmed forms are matched too). */
const SYNONYMS = `
reset change update modify alter set
password passcode pwd passphrase pin credential credentials
how way steps procedure process method
vpn
cancel terminate stop end
order purchase
subscription plan membership
refund reimbursement repayment money-back
account profile
delete remove erase
create make add new setup
find locate search look
weather forecast
capital
city town
email mail e-mail message
send forward
meeting call appointment
schedule book arrange plan
explain describe tell clarify
difference differ distinguish compare comparison versus vs
install setup
uninstall
fix repair solve resolve troubleshoot debug
error issue problem bug failure
slow sluggish lag laggy
fast quick quickly speed
computer laptop pc machine
phone mobile smartphone cellphone
buy purchase get acquire
price cost expensive pricing
cheap inexpensive affordable
open launch start
file document
read load open
write save store
list enumerate show display
print output
convert transform turn
string text
number integer int
date day
time clock hour
weekend
summary summarize summarise recap overview
translate translation
language
write compose draft
letter note
job work position role
apply application
salary pay wage compensation
increase raise boost
decrease reduce lower cut
good great nice excellent
bad poor terrible
best top optimal
recipe dish
cook make prepare
healthy nutritious
eat food meal
sleep rest
exercise workout training
lose drop shed
weight
learn study
programming coding code
function method routine
loop iterate iteration
array list
sort order arrange
reverse invert flip
dictionary dict map hashmap
key
value
database db
table
query select
backup copy
restore recover
server host
deploy release ship
container docker
kubernetes k8s
log logs logging
monitor watch track
memory ram
disk storage drive
cpu processor
usage use utilization
network connection internet wifi
printer
connect link
disconnect unlink
enable activate turn-on
disable deactivate turn-off
dark
mode theme
light
screen display monitor
bright brightness
keyboard
shortcut hotkey
copy duplicate
paste
window
tab
browser chrome
cache caching
clear empty purge flush
history
invoice bill receipt
pay payment
late overdue
fee charge penalty
ship shipping delivery deliver
track tracking status
package parcel
return send-back
exchange swap
size
policy rule
holiday vacation leave time-off
request ask
manager boss supervisor
approve approval
team group
project
deadline due
extend extension postpone
report
annual yearly
quarter quarterly
sale sales revenue
profit
customer client
support help assistance
contact reach
hour hours opening
office
address location
`;

/** Words that carry nothing in this model (real models weigh them little). */
const STOP = new Set(
  `a an the and or but if of to in on at by for from with about as into is are was were be been being do does did
  i me my we our you your it its this that these those there here what which who when where why please thanks
  hi hello hey just also very really some any kindly can could would should will shall may might must need want like
  tell give show help get let know go going`.split(/\s+/),
);

/** Negations and polarity words get a small weight: real models barely move for them, which is why the guard exists. */
const FAINT = new Set(['not', 'no', 'never', 'dont', 'cannot', 'without']);
const FAINT_WEIGHT = 0.2;
/** Numbers and words outside the vocabulary (names, places, products) weigh half a concept. */
const OPEN_WEIGHT = 0.5;

const concept = new Map<string, string>();
for (const line of SYNONYMS.trim().split('\n')) {
  const words = line.trim().split(/\s+/);
  for (const w of words) if (!concept.has(w)) concept.set(w, words[0]!);
}

function stem(w: string): string {
  for (const suffix of ['ing', 'ed', 'es', 's']) {
    if (w.length > suffix.length + 2 && w.endsWith(suffix)) {
      const base = w.slice(0, -suffix.length);
      if (concept.has(base)) return base;
      if (suffix === 'ing' || suffix === 'ed') {
        if (concept.has(`${base}e`)) return `${base}e`;
        if (base.at(-1) === base.at(-2) && concept.has(base.slice(0, -1))) return base.slice(0, -1);
      }
    }
  }
  return w;
}

/** A fixed pseudo-random unit direction per feature (FNV-1a seeds mulberry32). */
function direction(feature: string, dims: number): Float64Array {
  let seed = 0x811c9dc5;
  for (let i = 0; i < feature.length; i++) seed = Math.imul(seed ^ feature.charCodeAt(i), 0x01000193);
  const v = new Float64Array(dims);
  let norm = 0;
  for (let i = 0; i < dims; i++) {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    v[i] = ((t ^ (t >>> 14)) >>> 0) / 0x1_0000_0000 - 0.5;
    norm += v[i]! * v[i]!;
  }
  norm = Math.sqrt(norm);
  for (let i = 0; i < dims; i++) v[i]! /= norm;
  return v;
}

/** What the model reads of a text: weighted features. */
export function features(text: string): Map<string, number> {
  const out = new Map<string, number>();
  const add = (f: string, w: number) => out.set(f, (out.get(f) ?? 0) + w);
  const words = text.toLowerCase().replace(/’/g, "'").match(/\$?\d[\d,.]*%?|[a-z][a-z'-]*/g) ?? [];
  for (let i = 0; i < words.length; i++) {
    let w = words[i]!;
    if (w.endsWith("n't")) {
      add('not', FAINT_WEIGHT);
      w = w.slice(0, -3);
    }
    if (FAINT.has(w)) {
      add('not', FAINT_WEIGHT);
      continue;
    }
    // Two-word concepts (turn on, turn off) before single words.
    const pair = `${w}-${words[i + 1] ?? ''}`;
    if (concept.has(pair)) {
      add(concept.get(pair)!, 1);
      i++;
      continue;
    }
    if (STOP.has(w)) continue;
    const base = stem(w.replace(/'s$/, ''));
    const c = concept.get(base);
    if (c) add(c, 1);
    else add(/^\$?\d/.test(base) ? `#${base.replace(/[$,]/g, '')}` : `w:${base}`, OPEN_WEIGHT);
  }
  return out;
}

/** The embedding of `text`: unit length, `dims` float32-exact components. */
export function fakeSemanticEmbedding(text: string, dims = FAKE_SEMANTIC_DIMENSIONS): number[] {
  const sum = new Float64Array(dims);
  for (const [f, weight] of features(text)) {
    const d = direction(f, dims);
    for (let i = 0; i < dims; i++) sum[i]! += weight * d[i]!;
  }
  let norm = 0;
  for (let i = 0; i < dims; i++) norm += sum[i]! * sum[i]!;
  norm = Math.sqrt(norm);
  // An empty text still gets a direction of its own, as a real model's would be.
  if (norm === 0) return Array.from(direction('<empty>', dims), (v) => Math.fround(v));
  return Array.from(sum, (v) => Math.fround(v / norm));
}

/** The fake OpenAI server answers these model names with this model. */
export const isFakeSemanticModel = (model: unknown): boolean => typeof model === 'string' && model.includes('fake-semantic');
