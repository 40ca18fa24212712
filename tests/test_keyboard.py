"""What a Chinese input method types where YAML wants its own signs: each mistake at its line, with what to
type instead; block texts keep these characters as the user's text."""

import pytest

from rolebook.project import load_project


def problems_of(project, monkeypatch, spec: str) -> list[str]:
    root = project({"rolebook.yaml": "language: zh-CN\n", "role_specs/a.yaml": spec})
    monkeypatch.chdir(root)
    return [f"{p.line}:{p.column}: {p.severity}[{p.code}]: {p.message}" for p in load_project(root).problems]


KPI = "id: a\ntitle: 出纳\nduties: [{title: 收款}]\nassessment:\n  dimensions:\n    - name: 业绩\n      kpis:\n" \
      "        - id: k1\n          name: 收款准确率\n"
CASES = [
    ("id: a\ntitle：出纳\nduties: [{title: 收款}]\n",
     "2:6: error[yaml-syntax]: the colon after 'title' is the full-width '：' an input method types; YAML needs "
     "':' and a space: title: 出纳"),
    ("id: a\ntitle: 出纳\nduties:\n  - title：收款\n",
     "4:10: error[yaml-syntax]: the colon after 'title' is the full-width '：' an input method types; YAML needs "
     "':' and a space: - title: 收款"),
    ("id: a\ntitle: 出纳\nduties:\n\u3000\u3000- title: 收款\n",
     "4:1: error[yaml-syntax]: a full-width space (U+3000) in the indentation; YAML indents with ASCII spaces only "
     "(two for each full-width one):     - title: 收款"),
    ("id: a\ntitle: 出纳\nduties:\n  - title: 收款\n    daily_tasks:\n      － 点钞\n      － 记账\n",
     "6:7: error[yaml-syntax]: '－' is not a list marker (it is U+FF0D); a list item starts with the ASCII '-' and "
     "a space: - 点钞"),
    ("id: a\ntitle: 出纳\nduties:\n  - title: 收款\n    daily_tasks:\n      — 点钞\n",
     "6:7: error[yaml-syntax]: '—' is not a list marker (it is U+2014); a list item starts with the ASCII '-' and "
     "a space: - 点钞"),
    ("id: a\ntitle: 出纳\n＃ 备注\nduties: [{title: 收款}]\n",
     "3:1: error[yaml-syntax]: '＃' is the full-width number sign; a YAML comment starts with '#': # 备注"),
    ("id: a\ntitle: 出纳\nlocation: 上海 #2 号楼\nduties: [{title: 收款}]  # a comment\n",
     "3:14: warning[comment-in-text]: ' #2 号楼' after the text is read as a YAML comment, so the text is only "
     "'上海'; if it belongs to the text, quote it: location: \"上海 #2 号楼\" (a comment is written '# ' with a "
     "space)"),
    (KPI + "          unit: %\n          weight: 100\n          target: 99\n",
     '10:17: error[yaml-syntax]: a value cannot start with % in YAML; put it in quotes: unit: "%"'),
    (KPI + "          weight: 100\n          thresholds: {pass: 90，excellent: 110}\n",
     "11:32: error[yaml-syntax]: a full-width ， between the entries of {…} or […]; YAML separates them with a "
     "half-width comma and a space (, )"),
    (KPI + "          weight: １００\n",
     "10:19: error[type]: assessment.dimensions[0].kpis[0].weight: expected a number, found text '１００'; write it "
     "in half-width digits: 100"),
    (KPI + "          weight: 100％\n",
     "10:19: error[type]: assessment.dimensions[0].kpis[0].weight: expected a number, found text '100％'; write "
     "the number without %: 100"),
    (KPI + "          weight: 100\n          direction: 越低越好\n",
     "11:22: error[type]: assessment.dimensions[0].kpis[0].direction: expected 'higher' or 'lower', found text "
     "'越低越好'; higher: the higher the better (越高越好), lower: the lower the better (越低越好)"),
    (KPI + "          weight: 100\n          thresholds: {pass: 3, excellent: 1}\n",
     "11:23: error[thresholds-order]: KPI 'k1' (higher is better): pass 3 must be below excellent 1; if a lower "
     "result is better (a complaint rate, a count of incidents), write direction: lower"),
]


@pytest.mark.parametrize("spec, expected", CASES, ids=["colon", "colon-in-list", "full-width-space", "dash",
                                                       "em-dash", "number-sign", "comment-in-text", "percent-unit",
                                                       "flow-comma", "full-width-digits", "percent-weight",
                                                       "direction-words", "reversed-thresholds"])
def test_each_mistake_at_its_line_with_the_fix(project, monkeypatch, spec, expected):
    assert problems_of(project, monkeypatch, spec) == [expected]


def test_block_and_quoted_texts_keep_these_characters(project, monkeypatch):
    spec = ('id: a\ntitle: "出纳 #1"\nsummary: |\n  \u3000\u3000首行缩进的段落：不是键\n  － 这也是文字\n  ＃ 不是注释\n'
            'duties: [{title: 收款}]  # a real comment\n')
    assert problems_of(project, monkeypatch, spec) == []
