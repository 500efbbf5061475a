// make bench: wink-nlp on the same file as whosaid, the peer figure.
//
//   node bench/wink/wink_bench.mjs ARTICLES.jsonl [--runs N] [--pipe sbd,pos,ner|default]
//
// Reads the JSONL corpus into memory, then runs wink-nlp's English lite model
// over each article's text and reads the tags and entities out. The pipe is
// sentence splitting, part-of-speech tagging and named entities only (sbd, pos,
// ner) unless --pipe says otherwise; `default` is wink-nlp's default pipe, which
// adds negation, sentiment and custom entities.
// One warm-up pass (JIT), then N timed passes; prints the median wall and CPU
// (user + system of this process) throughput as one parseable line:
//   wink-nlp: articles 2225, MB 5.04, wall_s 3.1, cpu_s 3.2, wall_MB_s 1.6, cpu_MB_s 1.6, ...
import { readFileSync } from 'node:fs';
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

const args = process.argv.slice(2);
let path = null;
let runs = 3;
let pipe = ['sbd', 'pos', 'ner'];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--runs' && i + 1 < args.length) runs = Math.max(1, parseInt(args[++i], 10));
  else if (args[i] === '--pipe' && i + 1 < args.length) {
    const p = args[++i];
    pipe = p === 'default' ? undefined : p.split(',');
  }
  else path = args[i];
}
if (!path) {
  console.error('usage: node wink_bench.mjs ARTICLES.jsonl [--runs N] [--pipe sbd,pos,ner|default]');
  process.exit(2);
}
const texts = readFileSync(path, 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line).text);
const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t, 'utf8'), 0);

const nlp = pipe ? winkNLP(model, pipe) : winkNLP(model);
const its = nlp.its;

function pass() {
  let tokens = 0;
  let entities = 0;
  for (const t of texts) {
    const doc = nlp.readDoc(t);
    tokens += doc.tokens().out(its.pos).length;
    entities += doc.entities().out(its.type).length;
  }
  return { tokens, entities };
}

pass();  // warm-up: not reported
const walls = [];
const cpus = [];
let counts = null;
for (let r = 0; r < runs; r++) {
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  counts = pass();
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  const c = process.cpuUsage(c0);
  walls.push(wall);
  cpus.push((c.user + c.system) / 1e6);
}
const median = (v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
const mb = bytes / 1e6;
const wall = median(walls);
const cpu = median(cpus);
const rss = process.resourceUsage().maxRSS / 1024;  // KiB -> MiB
console.log(
  `wink-nlp: articles ${texts.length}, MB ${mb.toFixed(2)}, wall_s ${wall.toFixed(2)}, cpu_s ${cpu.toFixed(2)}, ` +
    `wall_MB_s ${(mb / wall).toFixed(2)}, cpu_MB_s ${(mb / cpu).toFixed(2)}, ` +
    `articles_s ${(texts.length / wall).toFixed(0)}, tokens ${counts.tokens}, entities ${counts.entities}, ` +
    `peak_rss_MB ${rss.toFixed(0)}, runs ${runs}, pipe ${pipe ? pipe.join('+') : 'default'}, node ${process.version}`,
);
