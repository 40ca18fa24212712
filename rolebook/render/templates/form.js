/* The appraisal form's scoring: the rule of the spec format, as rolebook/spec/scoring.py implements it
   (tests compare the two). Reads the results typed and levels ticked; writes each KPI's score and
   weighted score, #total and #grade. Without this script the page prints as a blank form. */
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("rolebook-scoring").textContent);

  function held(score) {
    return Math.min(Math.max(score, 0), config.cap);
  }

  function parse(text) {
    text = String(text || "").normalize("NFKC").replace(/[,\s]/g, "").replace(/%$/, "");
    if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)) {
      return null;
    }
    return Number(text);
  }

  function quantitative(kpi, result) {
    return held(unheld(kpi, result));
  }

  function unheld(kpi, result) {
    /* The rule's score before the cap (what a note says was capped). */
    if (kpi.points.length === 0) {
      return result;
    }
    var sign = kpi.direction === "higher" ? 1 : -1;
    var x = sign * result;
    var line = [];
    kpi.points.forEach(function (point) {
      var value = sign * point[0];
      var last = line[line.length - 1];
      if (last && last[0] === value) {
        last[1] = Math.max(last[1], point[1]);
      } else {
        line.push([value, point[1]]);
      }
    });
    if (x < line[0][0]) {
      return config.below_pass;
    }
    if (line.length === 1) {
      return line[0][1];
    }
    for (var i = 0; i + 1 < line.length; i++) {
      if (x <= line[i + 1][0]) {
        return line[i][1] + (x - line[i][0]) * (line[i + 1][1] - line[i][1]) / (line[i + 1][0] - line[i][0]);
      }
    }
    var a = line[line.length - 2];
    var b = line[line.length - 1];
    return b[1] + (x - b[0]) * (b[1] - a[1]) / (b[0] - a[0]);
  }

  function say(input, text) {
    /* A note under a result the rule cannot read (the field is then invalid) or may read otherwise than
       the rater means, in red; one that only explains (a score held to the cap), in grey; none when all
       is well. */
    var next = input.nextElementSibling;
    var note = next && next.classList.contains("field-note") ? next : null;
    input.setCustomValidity(text && text.invalid ? text.message : "");
    if (!text) {
      if (note) {
        note.remove();
      }
      return;
    }
    if (!note) {
      note = document.createElement("span");
      note.className = "field-note";
      note.setAttribute("role", "status");
      input.after(note);
    }
    note.className = text.info ? "field-note" : "field-note warn";
    note.textContent = text.message;
  }

  function words(name, values) {
    var text = (config.messages || {})[name] || "";
    Object.keys(values).forEach(function (key) {
      text = text.split("{" + key + "}").join(values[key]);
    });
    return text;
  }

  function check(kpi, input, result) {
    /* What the rater is told about a result: not a number; a percentage written as a fraction (0.95 where
       the KPI's pass is 90%); a score above the cap. */
    if (result === null) {
      return input.value.trim() ? {invalid: true, message: words("not_number", {})} : null;
    }
    var lowest = Math.min.apply(null, kpi.points.map(function (point) { return Math.abs(point[0]); }));
    if (kpi.percent && result > 0 && result < 1 && !/[%％]\s*$/.test(input.value) && lowest > 1) {
      var percent = Number((result * 100).toPrecision(12));
      return {message: words("fraction", {value: input.value.trim(), percent: String(percent)})};
    }
    if ((kpi.kind === "qualitative" ? result : unheld(kpi, result)) > config.cap) {
      return {info: true, message: words("capped", {cap: String(config.cap)})};
    }
    return null;
  }

  function control(selector, name) {
    return document.querySelector(selector + '[name="' + CSS.escape(name) + '"]');
  }

  function rating(kpi, name) {
    var ticked = control('input[type="radio"]:checked', name) ||
      document.querySelector('input[type="radio"][name="' + CSS.escape(name) + '"]:checked');
    if (ticked) {
      var score = Object.prototype.hasOwnProperty.call(kpi.levels, ticked.value) ? kpi.levels[ticked.value] : null;
      return score === null ? null : score;
    }
    var written = control('input[type="text"]', name);
    var value = written ? parse(written.value) : null;
    if (written) {
      say(written, check(kpi, written, value));
    }
    return value === null ? null : held(value);
  }

  function qualitative(kpi) {
    var sum = 0;
    var weights = 0;
    for (var i = 0; i < config.raters.length; i++) {
      var rater = config.raters[i];
      var score = rating(kpi, config.raters.length > 1 ? kpi.id + "@" + rater[0] : kpi.id);
      if (score === null) {
        return null;
      }
      sum += rater[1] * score;
      weights += rater[1];
    }
    return weights ? sum / weights : 0;
  }

  function shown(value) {
    /* Two decimals, half up, on the shortest decimal form of the number (as Python's Decimal(repr(x))). */
    var text = String(value);
    if (text.indexOf("e") >= 0) {
      text = value.toFixed(20);
    }
    var negative = text.charAt(0) === "-";
    if (negative) {
      text = text.slice(1);
    }
    var parts = text.split(".");
    var fraction = (parts[1] || "") + "000";
    var cents = Number(parts[0] + fraction.slice(0, 2)) + (fraction.charAt(2) >= "5" ? 1 : 0);
    return (negative && cents ? "-" : "") + (cents / 100).toFixed(2);
  }

  function show(id, value) {
    var element = document.getElementById(id);
    if (element) {
      element.textContent = value === null ? "" : shown(value);
    }
  }

  function gradeOf(total) {
    for (var i = 0; i < config.grades.length; i++) {
      if (total + 1e-9 >= config.grades[i][1]) {
        return config.grades[i][0];
      }
    }
    return null;
  }

  function adjustment() {
    /* 加减分: each item points × count within ±max, their sum within the limits (scoring.py's `adjusted`). */
    var sum = 0;
    (config.adjustments || []).forEach(function (item) {
      var input = control('input[type="text"]', "adj:" + item[0]);
      var count = input ? parse(input.value) : null;
      var whole = count !== null && count >= 0 && Math.floor(count) === count;
      if (input) {  /* how many times: 0 or more, whole, as rolebook score reads it; anything else counts 0 */
        say(input, whole || !input.value.trim() ? null : {invalid: true, message: words("not_count", {})});
      }
      var value = item[1] * (whole ? count : 0);
      if (item[2] !== null) {
        value = Math.max(-item[2], Math.min(item[2], value));
      }
      sum += value;
    });
    if (config.limits && config.limits[0] !== null) {
      sum = Math.max(config.limits[0], sum);
    }
    if (config.limits && config.limits[1] !== null) {
      sum = Math.min(config.limits[1], sum);
    }
    return sum;
  }

  function vetoGrade() {
    /* 一票否决: the worst grade of the vetoes ticked, or null. */
    var worst = null;
    var rank = function (grade) {
      for (var i = 0; i < config.grades.length; i++) {
        if (config.grades[i][0] === grade) {
          return i;
        }
      }
      return config.grades.length;
    };
    (config.vetoes || []).forEach(function (veto) {
      var box = control('input[type="checkbox"]', "veto:" + veto[0]);
      if (box && box.checked && veto[1] !== null && (worst === null || rank(veto[1]) > rank(worst))) {
        worst = veto[1];
      }
    });
    return worst;
  }

  function update() {
    var total = 0;
    var complete = config.kpis.length > 0;
    config.kpis.forEach(function (kpi) {
      var score = null;
      if (kpi.kind === "qualitative") {
        score = qualitative(kpi);
      } else {
        var input = control('input[type="text"]', kpi.id);
        var result = input ? parse(input.value) : null;
        score = result === null ? null : quantitative(kpi, result);
        if (input) {
          say(input, check(kpi, input, result));
        }
      }
      var weighted = score === null ? null : score * kpi.weight / 100;
      show("score-" + kpi.id, score);
      show("weighted-" + kpi.id, weighted);
      if (weighted === null) {
        complete = false;
      } else {
        total += weighted;
      }
    });
    if (config.adjustments) {
      var added = adjustment();
      show("adjustment", added);
      total = Math.min(Math.max(total + added, 0), config.cap);
    }
    show("total", complete ? total : null);
    var grade = complete ? gradeOf(total) : null;
    var vetoed = vetoGrade();
    if (vetoed !== null) {
      grade = vetoed;
    }
    var element = document.getElementById("grade");
    if (element) {
      element.textContent = grade || "";
    }
    document.querySelectorAll('input[type="radio"][name="grade"]').forEach(function (box) {
      box.checked = box.value === grade;
    });
  }

  function grow(event) {
    /* A comment box grows with what is typed, so that all of it shows, on screen and printed. */
    var box = event.target;
    if (box.tagName === "TEXTAREA") {
      box.style.height = "auto";
      box.style.height = box.scrollHeight + "px";
    }
  }

  document.addEventListener("input", grow);
  document.addEventListener("input", update);
  document.addEventListener("change", update);
  update();
})();
