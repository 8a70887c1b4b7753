#!/usr/bin/env node
/*
 * node js/cli.js REPORT.json [--previous LAST.json] [--lang zh|en] [--rules RULES.json]
 *   prints the findings as `disclosure-schema validate --format json` lists them (a JSON array);
 *   exit 0 valid (warnings allowed), 1 invalid, 2 could not run.
 * node js/cli.js --jsonl CASES.jsonl [--lang zh|en]
 *   each line {"report": {...}, "previous": {...}?}; writes one line per case: the findings array.
 *
 * The rules come from ../schemas/rules-<edition>.json (the report's edition) unless --rules is given.
 */
"use strict";
const fs = require("fs");
const path = require("path");
const checker = require("./checker.js");

function stringify(value, indent) {
  // BigInt sums beyond 2^53 are written as exact JSON numbers.
  const marked = JSON.stringify(value, (key, v) => (typeof v === "bigint" ? "\u0000big:" + v.toString() : v), indent);
  return marked.replace(/"\\u0000big:(-?[0-9]+)"/g, "$1");
}

function fail(message) {
  process.stderr.write(message + "\n");
  process.exit(2);
}

function readJson(file, what) {
  let text;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    fail(`${file}：无法读取${what}（${error.code || error.message}）`);
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    fail(`${file}：不是有效的 JSON（${error.message}）`);
  }
  return null;
}

const cache = new Map();
function rulesFor(edition, explicit) {
  if (explicit) return readJson(explicit, "规则文件");
  if (typeof edition !== "string" || !/^[0-9]{4}$/.test(edition)) fail(`未知的格式版本：${JSON.stringify(edition)}`);
  if (!cache.has(edition)) {
    const file = path.join(__dirname, "..", "schemas", `rules-${edition}.json`);
    if (!fs.existsSync(file)) fail(`未知的格式版本：${edition}（没有 ${file}）`);
    cache.set(edition, readJson(file, "规则文件"));
  }
  return cache.get(edition);
}

function main(argv) {
  const options = { lang: "zh" };
  const files = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--previous" || arg === "--lang" || arg === "--rules" || arg === "--jsonl") {
      if (i + 1 >= argv.length) fail(`${arg} 后面缺少参数`);
      options[arg.slice(2)] = argv[++i];
    } else if (arg === "-h" || arg === "--help") {
      process.stdout.write(fs.readFileSync(__filename, "utf8").split("\n").slice(2, 10).join("\n") + "\n");
      return 0;
    } else {
      files.push(arg);
    }
  }
  const lang = options.lang === "en" ? "en" : "zh";
  if (options.jsonl) {
    const lines = fs.readFileSync(options.jsonl, "utf8").split("\n").filter((line) => line.trim());
    const out = lines.map((line) => {
      const item = JSON.parse(line);
      const rules = rulesFor(item.report.edition, options.rules);
      const findings = checker.check(item.report, rules, { previous: item.previous || null });
      return stringify(findings.map((f) => f.toJSON(lang)));
    });
    process.stdout.write(out.join("\n") + (out.length ? "\n" : ""));
    return 0;
  }
  if (files.length !== 1) fail("用法：node js/cli.js 报告.json [--previous 上年报告.json] [--lang zh|en]");
  const report = readJson(files[0], "报告");
  const previous = options.previous ? readJson(options.previous, "上年报告") : null;
  const rules = rulesFor(report && report.edition, options.rules);
  let findings;
  try {
    findings = checker.check(report, rules, { previous });
  } catch (error) {
    fail(`${files[0]}：无法核对（${error.message}）；请先用 JSON Schema 校验文件结构`);
  }
  process.stdout.write(stringify(findings.map((f) => f.toJSON(lang)), 2) + "\n");
  return findings.some((f) => f.level === "error") ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
