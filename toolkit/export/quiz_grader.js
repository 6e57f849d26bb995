/* The quiz grader of an exported quiz page: the rules of toolkit/quiz/grading.py, in the page.
 *
 * grade(question, response) returns {credit, correct, detail} or throws a ResponseError, for
 * the same responses and with the same credit and correct as Python's grade(), which
 * tests/browser/test_quiz_export_grading.py checks on every question of every shipped bank.
 * A response is plain data, as in Python: an option id, a list of ids, true/false, a number or
 * a string holding one, a string, ordered ids, or an object of matches.
 *
 * The question data (built by toolkit/export/quiz_html.py) holds what grading needs and no
 * HTML: option ids with `correct` or `credit`, numeric bounds already widened by the same
 * rounding slack as Python, text answers already normalised by Python (white space collapsed,
 * casefolded unless case-sensitive).
 */
(function (root) {
  "use strict";

  function ResponseError(message) {
    this.name = "ResponseError";
    this.message = message;
  }
  ResponseError.prototype = Object.create(Error.prototype);
  ResponseError.prototype.constructor = ResponseError;

  var TRUE_WORDS = ["true", "t", "yes", "y", "1"];
  var FALSE_WORDS = ["false", "f", "no", "n", "0"];
  // The characters Python's str.split() and str.strip() treat as white space.
  var WS = "\\t\\n\\x0b\\x0c\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
  var WS_RUN = new RegExp("[" + WS + "]+");
  var WS_EDGES = new RegExp("^[" + WS + "]+|[" + WS + "]+$", "g");
  // Python's float() syntax: digits with single underscores between them, an optional
  // fraction and exponent; or inf, infinity, nan.
  var FLOAT = /^[+-]?(?:(?:\d(?:_?\d)*)?\.\d(?:_?\d)*|\d(?:_?\d)*\.?)(?:[eE][+-]?\d(?:_?\d)*)?$/;
  var SPECIAL = /^[+-]?(?:inf|infinity|nan)$/i;

  function strip(text) {
    return text.replace(WS_EDGES, "");
  }

  function codePoints(text) {
    return Array.from(text);
  }

  function quoted(text) {
    return "'" + text + "'";
  }

  function describe(value) {
    if (value === null || value === undefined) return "nothing";
    if (typeof value === "string") return "text";
    if (typeof value === "number") return "a number";
    if (typeof value === "boolean") return "True/False";
    if (Array.isArray(value)) return "a list";
    if (typeof value === "object") return "a dict";
    return typeof value;
  }

  function isMapping(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  /* Python's _as_id: the option 1 is the id "1" (an integer, never true/false). */
  function asId(value) {
    if (typeof value === "number" && Number.isInteger(value)) return String(value);
    return value;
  }

  function idList(values, what) {
    return values.map(function (value) {
      if (typeof value !== "string") {
        value = asId(value);
        if (typeof value !== "string") {
          throw new ResponseError("Give the " + what + " by their ids (text such as 'a').");
        }
      }
      return value;
    });
  }

  function optionMap(question) {
    var options = new Map();
    question.options.forEach(function (option) {
      options.set(option.id, option);
    });
    return options;
  }

  function listed(question) {
    return question.options.map(function (o) { return o.id; }).join(", ");
  }

  function pick(question, response) {
    var options = optionMap(question);
    if (typeof response === "string" && options.has(response)) return options.get(response);
    response = asId(response);
    if (response === null || response === undefined ||
        (typeof response === "string" && !strip(response))) {
      throw new ResponseError("Choose one of the options first.");
    }
    if (typeof response !== "string") {
      throw new ResponseError("Choose one option by its id (such as " +
        quoted(question.options[0].id) + "), not " + describe(response) + ".");
    }
    if (!options.has(response)) {
      throw new ResponseError(quoted(response) + " is not one of the options (" +
        listed(question) + ").");
    }
    return options.get(response);
  }

  function picks(question, response) {
    if (response === null || response === undefined ||
        (Array.isArray(response) && response.length === 0)) {
      throw new ResponseError("Choose at least one option first.");
    }
    if (!Array.isArray(response)) {
      throw new ResponseError("Choose the options as a list of ids, not " +
        describe(response) + ".");
    }
    var options = optionMap(question);
    var chosen = new Set(idList(response, "options"));
    var unknown = Array.from(chosen).filter(function (id) { return !options.has(id); }).sort();
    if (unknown.length) {
      throw new ResponseError(unknown.map(quoted).join(", ") + " not among the options (" +
        listed(question) + ").");
    }
    return question.options.filter(function (option) { return chosen.has(option.id); });
  }

  /* A question's score is never below 0 nor above 1. */
  function clamp(credit) {
    return Math.min(1, Math.max(0, credit));
  }

  function gradeSingle(question, response) {
    var option = pick(question, response);
    return {credit: clamp(option.credit), correct: option.correct, detail: {chosen: [option.id]}};
  }

  function gradeMultiple(question, response) {
    var chosen = picks(question, response);
    var nRight = question.options.filter(function (o) { return o.correct; }).length;
    var rightPicks = chosen.filter(function (o) { return o.correct; }).length;
    var wrongPicks = chosen.length - rightPicks;
    var missed = nRight - rightPicks;
    var credit;
    if (question.weighted) {
      credit = 0;  /* summed in option order, as Python sums it */
      chosen.forEach(function (o) { credit += o.credit; });
      credit = clamp(credit);
    } else {
      credit = Math.max(0, (rightPicks - wrongPicks) / nRight);
    }
    return {
      credit: credit,
      correct: missed === 0 && wrongPicks === 0,
      detail: {chosen: chosen.map(function (o) { return o.id; }), missed: missed}
    };
  }

  function gradeScenario(question, response) {
    var option = pick(question, response);
    return {credit: option.credit, correct: option.credit === 1, detail: {chosen: [option.id]}};
  }

  function gradePoll(question, response) {
    var chosen = question.multiple ? picks(question, response) : [pick(question, response)];
    return {credit: 1, correct: null, detail: {chosen: chosen.map(function (o) { return o.id; })}};
  }

  function truth(response) {
    if (typeof response === "boolean") return response;
    if (typeof response === "string") {
      var word = strip(response).toLowerCase();
      if (TRUE_WORDS.indexOf(word) >= 0) return true;
      if (FALSE_WORDS.indexOf(word) >= 0) return false;
      if (!word) throw new ResponseError("Choose True or False first.");
    }
    if (response === null || response === undefined) {
      throw new ResponseError("Choose True or False first.");
    }
    throw new ResponseError("Answer True or False, not " + String(response) + ".");
  }

  function gradeTrueFalse(question, response) {
    var said = truth(response);
    var right = said === question.answer;
    return {credit: right ? 1 : 0, correct: right, detail: {said: said}};
  }

  // The code points of every Unicode "0" digit (from Python's unicodedata, set by the page):
  // Python's float() reads any Unicode decimal digit, such as Arabic-Indic or full-width ones.
  var decimalZeros = [];

  function configure(options) {
    decimalZeros = (options && options.decimalZeros) || [];
  }

  function asciiDigits(text) {
    return codePoints(text).map(function (character) {
      var point = character.codePointAt(0);
      if (point < 128) return character;
      var low = 0, high = decimalZeros.length - 1, zero = -1;
      while (low <= high) {
        var middle = (low + high) >> 1;
        if (decimalZeros[middle] <= point) {
          zero = decimalZeros[middle];
          low = middle + 1;
        } else {
          high = middle - 1;
        }
      }
      return zero >= 0 && point - zero <= 9 ? String(point - zero) : character;
    }).join("");
  }

  function pythonFloat(text, shown) {
    var value = asciiDigits(strip(text));
    if (SPECIAL.test(value)) {
      if (value.toLowerCase().indexOf("nan") >= 0) return NaN;
      return value.charAt(0) === "-" ? -Infinity : Infinity;
    }
    if (!FLOAT.test(value)) throw new ResponseError(quoted(shown) + " is not a number.");
    return Number(value.replace(/_/g, ""));
  }

  /* Python's parse_number: a number, or a string holding one (with the unit, a comma). */
  function parseNumber(response, unit) {
    var value;
    if (typeof response === "boolean") throw new ResponseError("Type a number, not True/False.");
    if (typeof response === "number") {
      value = response;
    } else if (typeof response === "string") {
      var text = strip(response);
      if (unit && text.toLowerCase().endsWith(unit.toLowerCase())) {
        var points = codePoints(text);
        text = strip(points.slice(0, points.length - codePoints(unit).length).join(""));
      }
      if (unit === "%") {
        if (text.endsWith("%")) text = text.slice(0, -1);
        text = strip(text);
      }
      if (!text) throw new ResponseError("Type a number first.");
      if (text.split(",").length === 2 && text.indexOf(".") < 0) text = text.replace(",", ".");
      value = pythonFloat(text.split(" ").join(""), strip(response));
    } else if (response === null || response === undefined) {
      throw new ResponseError("Type a number first.");
    } else {
      throw new ResponseError("Type a number, not " + describe(response) + ".");
    }
    if (!isFinite(value)) throw new ResponseError("Type a finite number.");
    return value;
  }

  /* Python's math.isclose. */
  function isClose(a, b, relTol, absTol) {
    if (a === b) return true;
    if (!isFinite(a) || !isFinite(b)) return false;
    var diff = Math.abs(b - a);
    return diff <= Math.abs(relTol * b) || diff <= Math.abs(relTol * a) || diff <= absTol;
  }

  function gradeNumeric(question, response) {
    var value = parseNumber(response, question.unit);
    var credit = question.low <= value && value <= question.high ? 1 : 0;
    if (!credit) {
      question.alternatives.forEach(function (alternative) {
        if (alternative[0] <= value && value <= alternative[1]) {
          credit = Math.max(credit, alternative[2]);
        }
      });
    }
    var right = credit === 1;
    var distractor = -1;
    if (!credit) {
      for (var i = 0; i < question.distractors.length; i += 1) {
        if (isClose(value, question.distractors[i], 1e-9, question.closeness)) {
          distractor = i;
          break;
        }
      }
    }
    return {credit: credit, correct: right, detail: {value: value, distractor: distractor}};
  }

  /* Python's str.casefold, as near as JavaScript gets (exact for the lessons' alphabets). */
  function casefold(text) {
    return text.toUpperCase().toLowerCase();
  }

  function normalise(text, caseSensitive) {
    var joined = strip(text).split(WS_RUN).join(" ");
    return caseSensitive ? joined : casefold(joined);
  }

  /* difflib.SequenceMatcher(None, a, b) over code points, autojunk on: ratio and quick_ratio. */
  function SequenceMatcher(a, b) {
    this.a = a;
    this.b = b;
    var b2j = new Map();
    b.forEach(function (element, index) {
      if (!b2j.has(element)) b2j.set(element, []);
      b2j.get(element).push(index);
    });
    if (b.length >= 200) {
      var limit = Math.floor(b.length / 100) + 1;
      var popular = [];
      b2j.forEach(function (indices, element) {
        if (indices.length > limit) popular.push(element);
      });
      popular.forEach(function (element) { b2j.delete(element); });
    }
    this.b2j = b2j;
  }

  SequenceMatcher.prototype.longestMatch = function (alo, ahi, blo, bhi) {
    var a = this.a, b = this.b;
    var besti = alo, bestj = blo, bestsize = 0;
    var j2len = new Map();
    for (var i = alo; i < ahi; i += 1) {
      var next = new Map();
      var indices = this.b2j.get(a[i]) || [];
      for (var n = 0; n < indices.length; n += 1) {
        var j = indices[n];
        if (j < blo) continue;
        if (j >= bhi) break;
        var k = (j2len.get(j - 1) || 0) + 1;
        next.set(j, k);
        if (k > bestsize) {
          besti = i - k + 1;
          bestj = j - k + 1;
          bestsize = k;
        }
      }
      j2len = next;
    }
    while (besti > alo && bestj > blo && a[besti - 1] === b[bestj - 1]) {
      besti -= 1;
      bestj -= 1;
      bestsize += 1;
    }
    while (besti + bestsize < ahi && bestj + bestsize < bhi &&
           a[besti + bestsize] === b[bestj + bestsize]) {
      bestsize += 1;
    }
    return [besti, bestj, bestsize];
  };

  SequenceMatcher.prototype.matches = function () {
    var queue = [[0, this.a.length, 0, this.b.length]];
    var total = 0;
    while (queue.length) {
      var span = queue.pop();
      var found = this.longestMatch(span[0], span[1], span[2], span[3]);
      var i = found[0], j = found[1], k = found[2];
      if (k) {
        total += k;
        if (span[0] < i && span[2] < j) queue.push([span[0], i, span[2], j]);
        if (i + k < span[1] && j + k < span[3]) queue.push([i + k, span[1], j + k, span[3]]);
      }
    }
    return total;
  };

  function calculateRatio(matches, length) {
    return length ? 2.0 * matches / length : 1.0;
  }

  SequenceMatcher.prototype.ratio = function () {
    return calculateRatio(this.matches(), this.a.length + this.b.length);
  };

  SequenceMatcher.prototype.quickRatio = function () {
    var counts = new Map();
    this.b.forEach(function (element) { counts.set(element, (counts.get(element) || 0) + 1); });
    var available = new Map();
    var matches = 0;
    this.a.forEach(function (element) {
      var left = available.has(element) ? available.get(element) : (counts.get(element) || 0);
      available.set(element, left - 1);
      if (left > 0) matches += 1;
    });
    return calculateRatio(matches, this.a.length + this.b.length);
  };

  function gradeText(question, response) {
    if (response === null || response === undefined ||
        (typeof response === "string" && !strip(response))) {
      throw new ResponseError("Type an answer first.");
    }
    if (typeof response !== "string") {
      throw new ResponseError("Type your answer as text, not " + describe(response) + ".");
    }
    var given = normalise(response, question.case_sensitive);
    var answers = question.answers;  /* [normalised text, credit]: accepted first, then partial */
    var credit = 0;
    answers.forEach(function (answer) {
      if (answer[0] === given) credit = Math.max(credit, answer[1]);
    });
    var acceptedAs = -1;
    if (credit < 1 && question.fuzzy !== null) {
      var threshold = question.fuzzy;
      var a = codePoints(given);
      for (var i = 0; i < answers.length; i += 1) {
        if (answers[i][1] <= credit) continue;
        var b = codePoints(answers[i][0]);
        var lengths = a.length + b.length;
        if (2 * Math.min(a.length, b.length) < threshold * lengths) continue;
        var matcher = new SequenceMatcher(a, b);
        if (matcher.quickRatio() >= threshold && matcher.ratio() >= threshold) {
          credit = answers[i][1];
          acceptedAs = i;
          break;
        }
      }
    }
    return {credit: credit, correct: credit === 1, detail: {accepted_as: acceptedAs}};
  }

  function gradeOrdering(question, response) {
    if (response === null || response === undefined ||
        (Array.isArray(response) && response.length === 0)) {
      throw new ResponseError("Put the items in order first.");
    }
    if (!Array.isArray(response)) {
      throw new ResponseError("Give the item ids as a list in order, not " +
        describe(response) + ".");
    }
    var ids = question.items;
    var order = idList(response, "items");
    order.forEach(function (value) {
      if (ids.indexOf(value) < 0) {
        throw new ResponseError(quoted(value) + " is not one of the items (" +
          ids.join(", ") + ").");
      }
    });
    var position = new Map();
    order.forEach(function (id, place) { position.set(id, place); });
    if (order.length !== ids.length || position.size !== ids.length) {
      throw new ResponseError("Use every item exactly once.");
    }
    var placed = ids.map(function (id) { return position.get(id); });
    var n = placed.length;
    var total = n * (n - 1) / 2;
    var inOrder = 0;
    for (var i = 0; i < n; i += 1) {
      for (var j = i + 1; j < n; j += 1) {
        if (placed[i] < placed[j]) inOrder += 1;
      }
    }
    return {
      credit: inOrder / total,
      correct: inOrder === total,
      detail: {in_order: inOrder, pairs: total}
    };
  }

  function gradeMatching(question, response) {
    if (response === null || response === undefined ||
        (isMapping(response) && Object.keys(response).length === 0)) {
      throw new ResponseError("Match the items first.");
    }
    if (!isMapping(response)) {
      throw new ResponseError("Give the matches as a dict (left id -> right id), not " +
        describe(response) + ".");
    }
    var ids = question.pairs;
    var known = ids.concat(question.distractors);  /* distractor ids: *1, *2... */
    var lefts = idList(Object.keys(response), "items");
    var rights = idList(Object.values(response), "items");
    lefts.forEach(function (value) {
      if (ids.indexOf(value) < 0) {
        throw new ResponseError(quoted(value) + " is not one of the pairs (" +
          ids.slice().sort().join(", ") + ").");
      }
    });
    rights.forEach(function (value) {
      if (known.indexOf(value) < 0) {
        throw new ResponseError(quoted(value) + " is not one of the pairs (" +
          ids.slice().sort().join(", ") + ").");
      }
    });
    var matches = new Map();
    lefts.forEach(function (left, index) { matches.set(left, rights[index]); });
    var nRight = ids.filter(function (id) { return matches.get(id) === id; }).length;
    return {
      credit: nRight / ids.length,
      correct: nRight === ids.length,
      detail: {right: nRight, pairs: ids.length}
    };
  }

  /* A reflection is never graded: the text is checked (given, not too long) and kept. */
  function gradeReflection(question, response) {
    if (response === null || response === undefined ||
        (typeof response === "string" && !strip(response))) {
      throw new ResponseError("Write your answer first.");
    }
    if (typeof response !== "string") {
      throw new ResponseError("Write your answer as text, not " + describe(response) + ".");
    }
    var length = codePoints(strip(response)).length;
    if (length > question.limit) {
      throw new ResponseError("Keep your answer to " + question.limit.toLocaleString("en") +
        " characters (it has " + length.toLocaleString("en") + ").");
    }
    return {credit: 1, correct: null, detail: {}};
  }

  var GRADERS = {
    single: gradeSingle,
    multiple: gradeMultiple,
    true_false: gradeTrueFalse,
    numeric: gradeNumeric,
    text: gradeText,
    ordering: gradeOrdering,
    matching: gradeMatching,
    scenario: gradeScenario,
    poll: gradePoll,
    reflection: gradeReflection
  };

  function grade(question, response) {
    var grader = GRADERS[question.type];
    if (!grader) throw new TypeError("not a question type: " + question.type);
    return grader(question.grading, response);
  }

  root.SmlabGrader = {
    configure: configure,
    grade: grade,
    ResponseError: ResponseError,
    parseNumber: parseNumber,
    normalise: normalise,
    SequenceMatcher: SequenceMatcher
  };
}(window));
