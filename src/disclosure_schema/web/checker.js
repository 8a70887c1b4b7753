/*
 * disclosure-schema checker: the published rules (schemas/rules-<edition>.json) run in JavaScript.
 *
 * Given a report document (parsed JSON, valid against schemas/annual-report-<edition>.schema.json)
 * and the rules document of its edition, check() returns the findings `disclosure-schema validate`
 * gives: the same codes, levels, JSON pointers, reported and computed values, contributing cells
 * and sentences (Chinese or English), in the same order. Everything it knows comes from the rules
 * document; nothing about the format is written here. It runs in a browser (global
 * DisclosureChecker) and in node (require). No dependencies.
 *
 * A report's optional top-level `reading` object ({"unread": [pointers], "settled": {...}}), written
 * by readers for cells they could not read: a check involving an unread cell gives the warning
 * `<R>.not_checkable` instead of a mismatch, an unread row a `completeness.unread` warning, and an
 * unread cell no blank-cell warning (see js/README.md for the one difference in wording).
 */
(function (root, factory) {
  "use strict";
  if (typeof module === "object" && module.exports) {
    module.exports = factory();
  } else {
    root.DisclosureChecker = factory();
  }
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  var SAFE = BigInt(Number.MAX_SAFE_INTEGER);

  /** The value at an RFC 6901 pointer, or undefined when the path does not exist. */
  function valueAt(doc, pointer) {
    if (pointer === "") return doc;
    var parts = pointer.split("/").slice(1);
    var node = doc;
    for (var i = 0; i < parts.length; i++) {
      var key = parts[i].replace(/~1/g, "/").replace(/~0/g, "~");
      if (node === null || typeof node !== "object" || Array.isArray(node) ||
          !Object.prototype.hasOwnProperty.call(node, key)) {
        return undefined;
      }
      node = node[key];
    }
    return node;
  }

  function blank(value) {
    return value === null || value === undefined;
  }

  /** A count as a BigInt (sums never lose precision); blank is 0. */
  function big(value) {
    if (blank(value)) return 0n;
    if (typeof value === "bigint") return value;
    if (typeof value === "number" && Number.isInteger(value)) return BigInt(value);
    throw new TypeError("not a whole number: " + String(value));
  }

  /** A BigInt back as a Number when it fits exactly, else kept as BigInt. */
  function plain(value) {
    return value <= SAFE && value >= -SAFE ? Number(value) : value;
  }

  function negative(value, kind) {
    if (blank(value) || kind === "signed_count") return false;
    if (typeof value === "string") return Number(value) < 0;
    return value < 0;
  }

  /** Python's str.format_map as the templates use it: {name}, {name!r}, {{ and }}. */
  function format(template, params) {
    return template.replace(/\{\{|\}\}|\{([A-Za-z_][A-Za-z0-9_]*)(![rs])?\}/g, function (whole, name, conversion) {
      if (whole === "{{") return "{";
      if (whole === "}}") return "}";
      var value = Object.prototype.hasOwnProperty.call(params, name) ? params[name] : "";
      if (conversion === "!r" && typeof value === "string") return "'" + value + "'";
      return String(value);
    });
  }

  function family(code, params) {
    if (/\.mismatch$/.test(code)) return "left" in params ? "relation.sides_differ" : "relation.mismatch";
    if (/\.not_checkable$/.test(code)) return "relation.not_checkable";
    return code;
  }

  /** The sentence for a finding code in `lang` ("zh" or "en"); a {zh, en} parameter is taken in that language. */
  function render(rules, code, lang, params) {
    var templates = rules.messages.templates;
    var entry = templates[code] || templates[family(code, params)] || { zh: "{where}：{code}", en: "{where}: {code}" };
    var chosen = {};
    Object.keys(params).forEach(function (key) {
      var value = params[key];
      if (value !== null && typeof value === "object" && "zh" in value && "en" in value) value = value[lang];
      chosen[key] = value;
    });
    if (!("code" in chosen)) chosen.code = code;
    return format(lang === "en" ? entry.en : entry.zh, chosen);
  }

  function show(rules, value, lang) {
    return blank(value) ? rules.messages.blank[lang] : String(value);
  }

  /** One finding: the fields of `validate --format json`, and message(lang) for the sentence. */
  function Finding(rules, code, level, pointer, extra) {
    extra = extra || {};
    this.code = code;
    this.level = level;
    this.pointer = pointer;
    this.where = extra.where || null;
    this.reported = extra.reported === undefined ? null : extra.reported;
    this.computed = extra.computed === undefined ? null : extra.computed;
    this.contributions = extra.contributions || [];
    this.params = extra.params || {};
    this.cells = extra.cells || [pointer];
    this.unread = extra.unread || null;
    Object.defineProperty(this, "rules", { value: rules, enumerable: false });
  }

  Finding.prototype.message = function (lang) {
    lang = lang === "en" ? "en" : "zh";
    var params = Object.assign({}, this.params, {
      where: this.where ? this.where[lang] : this.pointer || "/",
      reported: show(this.rules, this.reported, lang),
      computed: show(this.rules, this.computed, lang)
    });
    return render(this.rules, this.code, lang, params);
  };

  /** The finding as `validate --format json` writes it (BigInt values stay BigInt). */
  Finding.prototype.toJSON = function (lang) {
    lang = lang === "en" ? "en" : "zh";
    var data = { code: this.code, level: this.level, pointer: this.pointer, message: this.message(lang) };
    if (this.where) data.location = this.where[lang];
    if (!blank(this.reported) || !blank(this.computed)) {
      data.reported = this.reported;
      data.computed = this.computed;
    }
    if (this.unread) data.unread = this.unread.slice();
    if (this.contributions.length) {
      data.contributions = this.contributions.map(function (c) {
        var entry = { pointer: c.pointer, location: c.where[lang], value: c.value, sign: c.sign };
        if (c.previous) entry.report = "previous";
        return entry;
      });
    }
    return data;
  };

  function unreadSet(report) {
    var reading = report && report.reading;
    var unread = reading && Array.isArray(reading.unread) ? reading.unread : [];
    var set = Object.create(null);
    unread.forEach(function (pointer) { set[pointer] = true; });
    return set;
  }

  function domains(rules, report, unread, out) {
    Object.keys(rules.cells).forEach(function (pointer) {
      var cell = rules.cells[pointer];
      var value = valueAt(report, pointer);
      if (blank(value)) {
        if (!unread[pointer]) out.push(new Finding(rules, "completeness.blank_cell", "warning", pointer, { where: cell.where }));
      } else if (negative(value, cell.kind)) {
        out.push(new Finding(rules, "domain.negative", "error", pointer, { where: cell.where, reported: value }));
      }
    });
  }

  function relationChecks(rules, report, previous, unread, previousUnread, out) {
    var cross = !!previous;
    if (previous && previous.year !== report.year - 1) {
      out.push(new Finding(rules, "cross_year.not_consecutive", "error", "/year", {
        reported: report.year,
        params: { year: report.year, previous_year: previous.year }
      }));
      cross = false;
    }
    if (cross && sameBody(rules, report.issuer, previous.issuer) === false) {
      out.push(new Finding(rules, "cross_year.other_body", "error", "/issuer", {
        reported: report.issuer,
        params: { issuer: report.issuer, previous_issuer: previous.issuer }
      }));
      cross = false;
    }
    rules.relations.forEach(function (relation) {
      var crossYear = relation.scope !== "one report";
      if (crossYear && !cross) return;
      relation.checks.forEach(function (check) {
        var total = 0n;
        var contributions = [];
        var unreadCells = [];
        for (var i = 0; i < check.equals_sum_of.length; i++) {
          var operand = check.equals_sum_of[i];
          var fromPrevious = operand.report === "previous";
          var source = fromPrevious ? previous : report;
          var value = valueAt(source, operand.pointer);
          if (value === undefined && fromPrevious) return; // last year's edition has no such cell
          if ((fromPrevious ? previousUnread : unread)[operand.pointer]) unreadCells.push({ pointer: operand.pointer, previous: fromPrevious });
          var amount = big(value);
          total += operand.sign > 0 ? amount : -amount;
          contributions.push({
            pointer: operand.pointer,
            where: rules.cells[operand.pointer].where,
            value: blank(value) ? null : value,
            sign: operand.sign,
            previous: fromPrevious
          });
        }
        var reported = valueAt(report, check.target);
        var cellsInvolved = [check.target].concat(contributions.map(function (c) { return c.pointer; }));
        if (unread[check.target]) unreadCells.unshift({ pointer: check.target, previous: false });
        if (unreadCells.length) {
          out.push(new Finding(rules, relation.id + ".not_checkable", "warning", check.target, {
            where: rules.cells[check.target].where,
            reported: blank(reported) ? null : reported,
            contributions: contributions,
            params: { rule: relation.id, check: check.id, statement: relation.statement, unread: unreadWords(rules, unreadCells) },
            unread: unreadCells.map(function (c) { return (c.previous ? "previous:" : "") + c.pointer; }),
            cells: cellsInvolved
          }));
          return;
        }
        if (big(reported) !== total) {
          var params = { rule: relation.id, statement: relation.statement };
          if (total < 0n && rules.cells[check.target].kind !== "signed_count") {
            // An impossible computed value (a negative count) is not told as "应为 -710": both sides are.
            var blanks = blank(reported) || contributions.some(function (c) { return c.value === null; });
            var told = rules.sides[check.id].map(function (side) {
              return sideWords(rules, side, function (cell) {
                return valueAt(cell.report === "previous" ? previous : report, cell.pointer);
              });
            });
            params.left = told[0];
            params.right = told[1];
            params.blanks = blanks ? rules.messages.sides_blanks : { zh: "", en: "" };
          }
          out.push(new Finding(rules, relation.id + ".mismatch", relation.level, check.target, {
            where: rules.cells[check.target].where,
            reported: blank(reported) ? null : reported,
            computed: plain(total),
            contributions: contributions,
            params: params,
            cells: cellsInvolved
          }));
        }
      });
    });
  }

  /** One side of a relation in words with its sum: {zh, en} (rules.sides, rules.messages.sides). */
  function sideWords(rules, side, get) {
    var total = 0n;
    side.cells.forEach(function (cell) { total += big(get(cell)); });
    var words = rules.messages.sides[side.cells.length === 1 ? "one" : "many"];
    var sum = String(plain(total));
    return {
      zh: format(words.zh, { terms: side.terms.zh, total: sum }),
      en: format(words.en, { terms: side.terms.en, total: sum })
    };
  }

  /**
   * Unread cells in words, last year's first: each cell's location, joined by "；". (validate groups cells
   * sharing a row or a column into one phrase; the cells and the finding are the same, the phrase may differ.)
   */
  function unreadWords(rules, cells) {
    var out = { zh: [], en: [] };
    [true, false].forEach(function (previous) {
      var group = cells.filter(function (c) { return c.previous === previous; });
      if (!group.length) return;
      ["zh", "en"].forEach(function (lang) {
        var prefix = previous ? (lang === "zh" ? "上年报告" : "last year's report: ") : "";
        out[lang].push(prefix + group.map(function (c) { return rules.cells[c.pointer].where[lang]; }).join(lang === "zh" ? "；" : "; "));
      });
    });
    return { zh: out.zh.join("；"), en: out.en.join("; ") };
  }

  /** One completeness.unread warning per table row with unread cells, as validate gives it. */
  function unreadRows(rules, unread, out) {
    var rows = [];
    var byRow = Object.create(null);
    Object.keys(rules.cells).forEach(function (pointer) {
      var row = pointer.slice(0, pointer.lastIndexOf("/"));
      if (!(row in byRow)) { byRow[row] = []; rows.push(row); }
      byRow[row].push(pointer);
    });
    var words = rules.messages.unread_columns;
    rows.forEach(function (row) {
      var cells = byRow[row];
      var missing = cells.filter(function (p) { return unread[p]; });
      if (!missing.length) return;
      var columns;
      if (missing.length === cells.length && cells.length > 1) {
        columns = { zh: format(words.all.zh, { n: cells.length }), en: format(words.all.en, { n: cells.length }) };
      } else {
        var names = missing.map(function (p) { return rules.cells[p].column_words; });
        var phrase = words[names.length === 1 ? "one" : "many"];
        columns = {
          zh: format(phrase.zh, { names: names.join(words.separator.zh) }),
          en: format(phrase.en, { names: names.join(words.separator.en) })
        };
      }
      out.push(new Finding(rules, "completeness.unread", "warning", row, {
        where: rules.cells[missing[0]].row_where,
        params: { columns: columns },
        unread: missing,
        cells: missing
      }));
    });
  }

  /** Whether two issuers name one body (rules.evaluation.previous_report.same_body); null when either is unknown. */
  function sameBody(rules, a, b) {
    if (!a || !b) return null;
    var key = function (name) { return name.normalize("NFKC").replace(/\s+/g, ""); };
    var x = key(a);
    var y = key(b);
    if (x === y) return true;
    var shorter = x.length <= y.length ? x : y;
    var longer = x.length <= y.length ? y : x;
    var rule = rules.completeness.same_body;
    if (Array.from(shorter).length < rule.min_suffix || !longer.endsWith(shorter)) return false;
    var front = longer.slice(0, longer.length - shorter.length);
    return rule.region_endings.some(function (ending) { return front.endsWith(ending); });
  }

  function expectedEdition(rules, year) {
    var found = null;
    rules.completeness.editions_by_year.forEach(function (entry) {
      if (year >= entry.first_year && (entry.last_year === null || year <= entry.last_year)) found = entry.edition;
    });
    return found;
  }

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  function completeness(rules, report, out) {
    var sections = report.sections && typeof report.sections === "object" ? report.sections : {};
    rules.completeness.text_sections.forEach(function (section) {
      if (!Object.prototype.hasOwnProperty.call(sections, section.key)) {
        out.push(new Finding(rules, "completeness.missing_section", "warning", "/sections/" + section.key, {
          params: { number: section.number, heading: section.heading }
        }));
      }
    });
    var expected = expectedEdition(rules, report.year);
    if (expected !== null && expected !== report.edition) {
      out.push(new Finding(rules, "completeness.edition_year", "warning", "/edition", {
        reported: report.edition,
        params: { year: report.year, expected: expected, edition: report.edition }
      }));
    }
    var period = report.statistics_period;
    if (period && typeof period === "object") {
      var start = String(report.year).padStart(4, "0") + "-01-01";
      var end = String(report.year).padStart(4, "0") + "-12-31";
      if (period.start !== start || period.end !== end) {
        out.push(new Finding(rules, "completeness.statistics_period", "warning", "/statistics_period", {
          params: { start: period.start, end: period.end, year: report.year }
        }));
      }
    }
  }

  function patterns(rules, report, out) {
    rules.patterns.forEach(function (pattern) {
      var items = valueAt(report, pattern.items);
      var change = valueAt(report, pattern.change);
      var decisions = valueAt(report, pattern.target);
      if (blank(items) || blank(change) || change === 0 || blank(decisions)) return;
      if (big(decisions) === big(items) + big(change)) {
        out.push(new Finding(rules, pattern.code, pattern.level, pattern.target, {
          where: rules.cells[pattern.target].where,
          reported: decisions,
          params: pattern.params,
          cells: [pattern.target, pattern.items, pattern.change]
        }));
      }
    });
  }

  function isBlankText(text) { return text === null || text === undefined || String(text).trim() === ""; }

  /** What every report must have (essentials.py): figures, a name, text in its text sections. */
  function essentials(rules, report, unread, out) {
    var anyFigure = false;
    Object.keys(rules.cells).forEach(function (pointer) {
      var value = valueAt(report, pointer);
      if (!blank(value) || unread[pointer]) anyFigure = true;
    });
    if (!anyFigure) out.push(new Finding(rules, "completeness.empty_tables", "error", "", { params: { year: report.year } }));
    if (isBlankText(report.issuer) && isBlankText(report.title)) {
      out.push(new Finding(rules, "completeness.no_issuer", "warning", "/issuer", {}));
    }
    var sections = report.sections && typeof report.sections === "object" ? report.sections : {};
    rules.completeness.text_sections.forEach(function (section) {
      if (!Object.prototype.hasOwnProperty.call(sections, section.key)) return;
      var blocks = sections[section.key].blocks || [];
      if (blocks.every(function (block) { return isBlankText(block.text); })) {
        out.push(new Finding(rules, "completeness.empty_section", "warning", "/sections/" + section.key, {
          params: { number: section.number, heading: section.heading }
        }));
      }
    });
    textHazards(rules, report, sections, out);
  }

  /**
   * Control and bidi-control characters in any text field (text_hazards.py): a warning per field
   * and kind, naming the field, the first such character (U+XXXX), its position in code points and
   * how many there are.
   */
  function textHazards(rules, report, sections, out) {
    var spec = rules.completeness.text_hazards;
    var kinds = [["text.control_character", new RegExp(spec.control, "g")], ["text.bidi_control", new RegExp(spec.bidi, "g")]];
    function field(pointer, text, place) {
      if (typeof text !== "string" || text === "") return;
      kinds.forEach(function (kind) {
        var pattern = kind[1];
        pattern.lastIndex = 0;
        var first = pattern.exec(text);
        if (first === null) return;
        var count = 1;
        while (pattern.exec(text) !== null) count += 1;
        var hex = first[0].charCodeAt(0).toString(16).toUpperCase();
        while (hex.length < 4) hex = "0" + hex;
        out.push(new Finding(rules, kind[0], "warning", pointer, {
          params: {
            place: place,
            character: "U+" + hex,
            position: Array.from(text.slice(0, first.index)).length + 1,
            count: count
          }
        }));
      });
    }
    function named(entry) {
      var parts = entry.pointer.split("/");
      var holder = parts.length === 3 ? report[parts[1]] : report;
      var text = holder && typeof holder === "object" ? holder[parts[parts.length - 1]] : null;
      field(entry.pointer, text, { zh: entry.zh, en: entry.en });
    }
    function fill(template, values) {
      return { zh: format(template.zh, values), en: format(template.en, values) };
    }
    spec.fields_before_sections.forEach(named);
    spec.sections.forEach(function (section) {
      if (!Object.prototype.hasOwnProperty.call(sections, section.key)) return;
      var value = sections[section.key] || {};
      var base = "/sections/" + section.key;
      field(base + "/heading", value.heading, fill(spec.section_heading, { number: section.number, index: section.index }));
      (value.blocks || []).forEach(function (block, index) {
        field(base + "/blocks/" + index + "/text", block.text, fill(spec.block, { number: section.number, index: section.index, n: index + 1 }));
      });
    });
    spec.fields_after_sections.forEach(named);
  }

  /**
   * Every finding about `report` under `rules` (the rules document of the report's edition);
   * with options.previous (last year's report document) also X1 and X2.
   */
  function check(report, rules, options) {
    options = options || {};
    if (!report || report.edition !== rules.edition) {
      throw new Error("the report's edition " + (report && report.edition) + " is not the rules' " + rules.edition);
    }
    var previous = options.previous || null;
    var unread = unreadSet(report);
    var previousUnread = unreadSet(previous);
    var out = [];
    domains(rules, report, unread, out);
    if (Object.keys(unread).length) unreadRows(rules, unread, out);
    relationChecks(rules, report, previous, unread, previousUnread, out);
    completeness(rules, report, out);
    patterns(rules, report, out);
    essentials(rules, report, unread, out);
    return out;
  }

  /** The checks whose target is a 总计 cell computed from its parts (R2, R3, R4). */
  function totalChecks(rules) {
    var found = [];
    rules.relations.forEach(function (relation) {
      if (relation.fills_total) relation.checks.forEach(function (c) { found.push(c); });
    });
    return found;
  }

  /**
   * The 总计 cells computed from their parts, as fill_totals does: blank parts count 0, a total whose
   * parts are all blank stays blank. `get(pointer)` reads a value; returns {pointer: value} for every
   * total (changed or not).
   */
  function computeTotals(rules, get) {
    var checks = totalChecks(rules);
    var values = Object.create(null);
    function read(pointer) { return pointer in values ? values[pointer] : get(pointer); }
    for (var round = 0; round < checks.length; round++) {
      var changed = false;
      checks.forEach(function (c) {
        var any = false;
        var total = 0n;
        c.equals_sum_of.forEach(function (operand) {
          var value = read(operand.pointer);
          if (blank(value)) return;
          any = true;
          total += operand.sign > 0 ? big(value) : -big(value);
        });
        var result = any ? plain(total) : null;
        var current = read(c.target);
        if (!(blank(current) && result === null) && !(current !== null && result !== null && big(current) === big(result))) {
          values[c.target] = result;
          changed = true;
        }
      });
      if (!changed) break;
    }
    var out = {};
    checks.forEach(function (c) { out[c.target] = read(c.target); });
    return out;
  }

  return {
    check: check,
    computeTotals: computeTotals,
    render: render,
    valueAt: valueAt,
    Finding: Finding
  };
});
