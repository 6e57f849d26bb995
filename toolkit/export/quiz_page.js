/* The exported quiz page: builds the questions from the page's data, collects answers,
 * grades them with SmlabGrader (quiz_grader.js) and keeps the score.
 *
 * Only the data's *_html fields (rendered and sanitised in Python) are put in as HTML; every
 * other string (ids, plain labels, what the learner types, messages) goes in as text.
 */
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("smlab-quiz-data").textContent);
  var grader = window.SmlabGrader;
  grader.configure({decimalZeros: data.decimal_zeros});
  var root = document.getElementById("quiz");
  var state = data.questions.map(function () {
    return {answered: false, points: 0, credit: 0, correct: null, hintsSeen: 0};
  });
  /* Polls and reflections have no right answer: they earn no points and are not counted. */
  function ungraded(question) {
    return question.type === "poll" || question.type === "reflection";
  }
  var graded = data.questions.filter(function (q) { return !ungraded(q); }).length;

  function el(tag, attributes, children) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      if (name === "text") node.textContent = attributes[name];
      else if (name === "html") node.innerHTML = attributes[name];  /* sanitised in Python */
      else node.setAttribute(name, attributes[name]);
    });
    (children || []).forEach(function (child) { if (child) node.appendChild(child); });
    return node;
  }

  function roundHalfUp(value) {
    return Math.floor(value + 0.5 + 1e-9);
  }

  function verdict(result) {
    if (result.correct === null) return "Recorded";
    if (result.correct) return "Correct";
    if (result.credit > 0) return "◐ Partly right (" + Math.round(result.credit * 100) + "%)";
    return "Not quite";
  }

  /* -- inputs ---------------------------------------------------------------------------- */

  function choiceInput(question, index) {
    var shown = question.display;
    var kind = shown.multiple ? "checkbox" : "radio";
    var box = el("fieldset", {"class": "choices"}, [el("legend", {text: shown.kind})]);
    shown.options.forEach(function (option, n) {
      var id = "q" + index + "-o" + n;
      box.appendChild(el("div", {"class": "choice"}, [
        el("input", {type: kind, id: id, name: "q" + index, value: option.id}),
        el("label", {"for": id, html: option.html})
      ]));
    });
    return box;
  }

  function trueFalseInput(question, index) {
    var box = el("fieldset", {"class": "choices"}, [el("legend", {text: question.display.kind})]);
    ["true", "false"].forEach(function (value) {
      var id = "q" + index + "-" + value;
      box.appendChild(el("div", {"class": "choice"}, [
        el("input", {type: "radio", id: id, name: "q" + index, value: value}),
        el("label", {"for": id, text: value === "true" ? "True" : "False"})
      ]));
    });
    return box;
  }

  function typedInput(question, index) {
    var shown = question.display;
    var id = "q" + index + "-answer";
    var field = el("input", {type: "text", id: id, autocomplete: "off", spellcheck: "false"});
    if (question.type === "numeric") field.setAttribute("inputmode", "decimal");
    return el("div", {"class": "typed"}, [
      el("label", {"for": id, text: shown.kind}),
      field,
      shown.unit ? el("span", {"class": "unit", text: shown.unit}) : null
    ]);
  }

  function reflectionInput(question, index) {
    var id = "q" + index + "-answer";
    var box = el("textarea", {id: id, rows: "5", maxlength: String(question.display.limit)});
    return el("div", {"class": "typed"}, [el("label", {"for": id, text: question.display.kind}), box]);
  }

  function moveButton(label, step) {
    var button = el("button", {type: "button", "class": "move", "aria-label": label,
                               text: step < 0 ? "↑" : "↓"});
    button.addEventListener("click", function () {
      var item = button.closest("li");
      var list = item.parentNode;
      if (step < 0 && item.previousElementSibling) {
        list.insertBefore(item, item.previousElementSibling);
      } else if (step > 0 && item.nextElementSibling) {
        list.insertBefore(item.nextElementSibling, item);
      }
      button.focus();
    });
    return button;
  }

  function orderingInput(question) {
    var list = el("ol", {"class": "ordering"});
    question.display.items.forEach(function (item) {
      list.appendChild(el("li", {"data-id": item.id}, [
        el("span", {"class": "item", html: item.html}),
        moveButton("Move up: " + item.text, -1),
        moveButton("Move down: " + item.text, 1)
      ]));
    });
    return el("div", {"class": "ordering-box"}, [
      el("p", {"class": "kind", text: question.display.kind + " (first at the top)"}), list
    ]);
  }

  function matchingInput(question, index) {
    var table = el("table", {"class": "matching"});
    question.display.lefts.forEach(function (left, n) {
      var id = "q" + index + "-m" + n;
      var select = el("select", {id: id, "data-left": left.id});
      select.appendChild(el("option", {value: "", text: "— choose —"}));
      question.display.rights.forEach(function (right) {
        select.appendChild(el("option", {value: right.id, text: right.text}));
      });
      table.appendChild(el("tr", {}, [
        el("th", {scope: "row"}, [el("label", {"for": id, html: left.html})]),
        el("td", {}, [select])
      ]));
    });
    return el("div", {}, [el("p", {"class": "kind", text: question.display.kind}), table]);
  }

  function buildInput(question, index) {
    switch (question.type) {
      case "single": case "multiple": case "scenario": case "poll":
        return choiceInput(question, index);
      case "true_false": return trueFalseInput(question, index);
      case "numeric": case "text": return typedInput(question, index);
      case "ordering": return orderingInput(question);
      case "matching": return matchingInput(question, index);
      case "reflection": return reflectionInput(question, index);
      default: return el("p", {text: "This question type cannot be shown."});
    }
  }

  /* -- responses ------------------------------------------------------------------------- */

  function responseOf(question, section) {
    var checked = Array.prototype.map.call(
      section.querySelectorAll("input:checked"), function (input) { return input.value; });
    switch (question.type) {
      case "multiple": return checked;
      case "poll": return question.display.multiple ? checked : (checked[0] || null);
      case "single": case "scenario": return checked[0] || null;
      case "true_false": return checked.length ? checked[0] === "true" : null;
      case "numeric": case "text": return section.querySelector("input[type=text]").value;
      case "reflection": return section.querySelector("textarea").value;
      case "ordering":
        return Array.prototype.map.call(
          section.querySelectorAll(".ordering li"), function (li) { return li.dataset.id; });
      case "matching":
        var matches = {};
        section.querySelectorAll("select").forEach(function (select) {
          if (select.value) matches[select.dataset.left] = select.value;
        });
        return matches;
      default: return null;
    }
  }

  /* -- feedback -------------------------------------------------------------------------- */

  function optionById(question, id) {
    return question.display.options.filter(function (o) { return o.id === id; })[0];
  }

  function explanation(question, result) {
    var shown = question.display;
    var detail = result.detail;
    var parts = [];
    switch (question.type) {
      case "single": case "scenario":
        parts.push(el("div", {"class": "explanation",
                              html: optionById(question, detail.chosen[0]).explanation_html}));
        if (question.type === "scenario") {
          parts.push(el("div", {"class": "depends"}, [
            el("strong", {text: "It depends on: "}), el("div", {html: shown.depends_on_html})
          ]));
        }
        break;
      case "multiple":
        var list = el("ul", {"class": "explanation"});
        detail.chosen.forEach(function (id) {
          var option = optionById(question, id);
          list.appendChild(el("li", {}, [
            el("strong", {html: option.html}), el("span", {text: ": "}),
            el("span", {html: option.explanation_html})
          ]));
        });
        parts.push(list);
        if (detail.missed) {
          parts.push(el("p", {text: "You missed " + detail.missed + " right option" +
                                    (detail.missed === 1 ? "." : "s.")}));
        }
        break;
      case "poll":
        var said = detail.chosen.map(function (id) { return optionById(question, id); })
          .filter(function (o) { return o.explanation_html; });
        if (said.length) {
          said.forEach(function (o) {
            parts.push(el("div", {"class": "explanation", html: o.explanation_html}));
          });
        } else {
          parts.push(el("p", {text: "Thank you: a poll has no right answer."}));
        }
        break;
      case "true_false":
        parts.push(el("div", {"class": "explanation", html: detail.said ?
          shown.explanation_true_html : shown.explanation_false_html}));
        break;
      case "numeric":
        if (detail.distractor >= 0) {
          parts.push(el("div", {"class": "explanation",
                                html: shown.distractors_html[detail.distractor]}));
        }
        parts.push(el("div", {"class": "explanation", html: shown.explanation_html}));
        break;
      case "text":
        if (detail.accepted_as >= 0) {
          parts.push(el("p", {}, [el("span", {text: "Accepted as "}),
            el("em", {html: shown.accepted_html[detail.accepted_as]}),
            el("span", {text: " (close enough)."})]));
        }
        parts.push(el("div", {"class": "explanation", html: shown.explanation_html}));
        break;
      case "ordering":
        if (!result.correct) {
          parts.push(el("p", {text: detail.in_order + " of " + detail.pairs +
                                    " pairs of items are in the right order."}));
        }
        parts.push(el("div", {"class": "explanation", html: shown.explanation_html}));
        break;
      case "matching":
        if (!result.correct) {
          parts.push(el("p", {text: detail.right + " of " + detail.pairs + " matched right."}));
        }
        parts.push(el("div", {"class": "explanation", html: shown.explanation_html}));
        break;
      case "reflection":
        parts.push(el("div", {"class": "explanation", html: shown.feedback_html}));
        break;
      default: break;
    }
    if (result.correct === false && shown.expected_html) {
      parts.push(el("p", {"class": "expected"}, [
        el("strong", {text: "The right answer: "}), el("span", {html: shown.expected_html})
      ]));
    }
    return parts;
  }

  /* -- score ----------------------------------------------------------------------------- */

  function updateScore() {
    var points = 0, answered = 0, right = 0;
    state.forEach(function (s, n) {
      if (!s.answered) return;
      answered += 1;
      points += s.points;
      if (!ungraded(data.questions[n]) && s.correct) right += 1;
    });
    var line = "Points: " + points + " of " + data.max_points + " · answered " + answered +
      " of " + data.questions.length;
    document.getElementById("score").textContent = line;
    var final = document.getElementById("final");
    if (answered === data.questions.length) {
      var share = data.max_points ? Math.round(100 * points / data.max_points) : 100;
      final.textContent = "";
      final.appendChild(el("h2", {text: "Final score"}));
      final.appendChild(el("p", {"class": "final-score",
        text: points + " of " + data.max_points + " points (" + share + "%)"}));
      final.appendChild(el("p", {text: right + " of " + graded +
        " questions right at the first answer."}));
      final.hidden = false;
    } else {
      final.hidden = true;
    }
  }

  /* -- one question ---------------------------------------------------------------------- */

  function showHint(question, index, section) {
    var s = state[index];
    var shown = question.display;
    var seen = section.querySelectorAll(".hint-text").length;
    if (seen >= shown.hints_html.length) return;
    section.querySelector(".hints").appendChild(
      el("div", {"class": "hint-text", html: shown.hints_html[seen]}));
    if (!s.answered) s.hintsSeen += 1;
    if (seen + 1 >= shown.hints_html.length) section.querySelector(".hint").disabled = true;
  }

  function check(question, index, section) {
    var s = state[index];
    var feedback = section.querySelector(".feedback");
    feedback.textContent = "";
    var result;
    try {
      result = grader.grade(question, responseOf(question, section));
    } catch (error) {
      if (!(error instanceof grader.ResponseError)) throw error;
      feedback.appendChild(el("p", {role: "alert", "class": "problem"},
        [el("strong", {text: "Problem: " + error.message})]));
      return;
    }
    var line;
    if (!s.answered) {
      var worth = question.display.points;
      s.answered = true;
      s.credit = result.credit;
      s.correct = result.correct;
      s.points = ungraded(question) ? 0 :
        Math.max(0, roundHalfUp(worth * result.credit) - s.hintsSeen * question.display.hint_cost);
      line = question.type === "poll" ? "Polls earn no points." :
        question.type === "reflection" ? "Reflections earn no points; this page keeps no answers." :
        "+" + s.points + " points.";
    } else {
      line = "Retries earn no points: the first answer counts.";
    }
    feedback.appendChild(el("p", {"class": "verdict"}, [el("strong", {text: verdict(result)})]));
    explanation(question, result).forEach(function (part) { feedback.appendChild(part); });
    feedback.appendChild(el("p", {"class": "points", text: line}));
    section.classList.add("answered");
    updateScore();
  }

  function buildQuestion(question, index) {
    var shown = question.display;
    var title = "Question " + (index + 1) + " of " + data.questions.length;
    var meta = ungraded(question) ? "no points" : shown.points + " points";
    var section = el("section", {"class": "question", id: "question-" + (index + 1),
                                 "data-question": question.id,
                                 "aria-labelledby": "question-" + (index + 1) + "-title"}, [
      el("h2", {id: "question-" + (index + 1) + "-title"}, [
        el("span", {text: title}), el("span", {"class": "meta", text: " · " + meta})
      ]),
      el("div", {"class": "prompt", html: shown.prompt_html}),
      buildInput(question, index)
    ]);
    var actions = el("div", {"class": "actions"});
    var checkButton = el("button", {type: "button", "class": "check", text: "Check answer"});
    checkButton.addEventListener("click", function () { check(question, index, section); });
    actions.appendChild(checkButton);
    if (shown.hints_html.length) {
      var cost = shown.hint_cost ? " (costs " + shown.hint_cost + " points before you answer)" : "";
      var hintButton = el("button", {type: "button", "class": "hint", text: "Show a hint" + cost});
      hintButton.addEventListener("click", function () { showHint(question, index, section); });
      actions.appendChild(hintButton);
    }
    section.appendChild(actions);
    section.appendChild(el("div", {"class": "hints"}));
    section.appendChild(el("div", {"class": "feedback", role: "status", "aria-live": "polite"}));
    return section;
  }

  /* -- the page -------------------------------------------------------------------------- */

  root.textContent = "";
  root.appendChild(el("header", {}, [
    el("h1", {html: data.title_html}),
    data.description_html ? el("div", {"class": "description", html: data.description_html}) : null,
    el("p", {"class": "about", text: "Answer each question and check it to see why. " +
      "This page works offline; nothing you answer leaves it."}),
    el("p", {id: "score", role: "status", "aria-live": "polite"})
  ]));
  data.questions.forEach(function (question, index) {
    root.appendChild(buildQuestion(question, index));
  });
  var again = el("button", {type: "button", "class": "again", text: "Start again"});
  again.addEventListener("click", function () { window.location.reload(); });
  root.appendChild(el("section", {id: "final", "class": "final", role: "status", hidden: ""}));
  root.appendChild(el("footer", {}, [again]));
  updateScore();

  /* For tests and tools: grade a response to the question with this id, as the page would. */
  window.smlabQuiz = {
    data: data,
    grade: function (questionId, response) {
      var question = data.questions.filter(function (q) { return q.id === questionId; })[0];
      if (!question) throw new Error("no question " + questionId);
      try {
        var result = grader.grade(question, response);
        return {credit: result.credit, correct: result.correct, detail: result.detail};
      } catch (error) {
        if (error instanceof grader.ResponseError) return {error: error.message};
        throw error;
      }
    }
  };
}());
