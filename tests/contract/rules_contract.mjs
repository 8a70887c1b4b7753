// An independent implementation of the published rules, written from schemas/rules-<edition>.json
// alone (its `semantics`, `evaluation` and `relations`), to show that the document leaves nothing
// to guess. It imports nothing from the Python library.
//
// Usage: node rules_contract.mjs SCHEMAS_DIR PAIRS.jsonl
//   each input line: {"report": <report document>, "previous": <report document> | null}
//   each output line: the findings as a sorted JSON array of "<code> <pointer> <computed>" strings
//   (computed is "-" for findings that are not sums).
import { readFileSync } from "node:fs";
import { join } from "node:path";

const [schemasDir, pairsFile] = process.argv.slice(2);
const rulesByEdition = new Map();
function rules(edition) {
  if (!rulesByEdition.has(edition)) {
    rulesByEdition.set(edition, JSON.parse(readFileSync(join(schemasDir, `rules-${edition}.json`), "utf8")));
  }
  return rulesByEdition.get(edition);
}

const ABSENT = Symbol("absent");
const SCALE = 12n; // money has at most 12 decimals (domains: "non-negative decimal string")
const ONE = 10n ** SCALE;

// RFC 6901: "/a/b~1c" -> ["a", "b/c"]; ABSENT when any step is missing.
function resolve(doc, pointer) {
  let node = doc;
  for (const raw of pointer.split("/").slice(1)) {
    const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (node === null || typeof node !== "object" || !Object.prototype.hasOwnProperty.call(node, key)) return ABSENT;
    node = node[key];
  }
  return node;
}

// A cell's value as an exact scaled integer; null (blank) counts as 0 (evaluation.blank_*).
function amount(value) {
  if (value === null) return 0n;
  if (typeof value === "number") return BigInt(value) * ONE;
  const [whole, frac = ""] = String(value).split(".");
  const sign = whole.startsWith("-") ? -1n : 1n;
  const digits = BigInt(whole.replace("-", "")) * ONE + BigInt((frac + "0".repeat(Number(SCALE))).slice(0, Number(SCALE)) || "0");
  return sign * digits;
}

function show(scaled) {
  const negative = scaled < 0n;
  const abs = negative ? -scaled : scaled;
  let text = (abs / ONE).toString();
  let frac = (abs % ONE).toString().padStart(Number(SCALE), "0").replace(/0+$/, "");
  if (frac) text += "." + frac;
  return (negative ? "-" : "") + text;
}

// evaluation.previous_report.same_body: NFKC, no white space; equal, or one is the other with its
// region in front (the shorter >= 4 characters, the added front part ending 省市州盟县区旗).
function bodyKey(name) {
  return name.normalize("NFKC").replace(/\s+/gu, "");
}
function sameBody(a, b) {
  const [x, y] = [bodyKey(a), bodyKey(b)];
  if (x === y) return true;
  const [shorter, longer] = [...x].length <= [...y].length ? [x, y] : [y, x];
  if ([...shorter].length < 4 || !longer.endsWith(shorter)) return false;
  const front = longer.slice(0, longer.length - shorter.length);
  return /[省市州盟县区旗]$/u.test(front);
}

function evaluate(report, previous) {
  const doc = rules(report.edition);
  const findings = [];
  let crossYear = previous !== null && previous !== undefined;
  if (crossYear) {
    const rule = doc.evaluation.previous_report.otherwise;
    if (previous.year !== report.year - 1) {
      findings.push(`${rule[0].code} ${rule[0].pointer} -`);
      crossYear = false;
    } else if (report.issuer && previous.issuer && !sameBody(report.issuer, previous.issuer)) {
      findings.push(`${rule[1].code} ${rule[1].pointer} -`);
      crossYear = false;
    }
  }
  for (const relation of doc.relations) {
    for (const check of relation.checks) {
      const usesPrevious = check.equals_sum_of.some((op) => op.report === "previous");
      if (usesPrevious && !crossYear) continue;
      const target = resolve(report, check.target);
      if (target === ABSENT) continue; // evaluation.absent_pointer
      let sum = 0n;
      let applicable = true;
      for (const op of check.equals_sum_of) {
        const value = resolve(op.report === "previous" ? previous : report, op.pointer);
        if (value === ABSENT) { applicable = false; break; }
        sum += BigInt(op.sign) * amount(value);
      }
      if (!applicable) continue;
      if (amount(target) !== sum) findings.push(`${relation.id}.mismatch ${check.target} ${show(sum)}`);
    }
  }
  return findings.sort();
}

const out = [];
for (const line of readFileSync(pairsFile, "utf8").split("\n")) {
  if (!line.trim()) continue;
  const pair = JSON.parse(line);
  out.push(JSON.stringify(evaluate(pair.report, pair.previous ?? null)));
}
process.stdout.write(out.join("\n") + "\n");
