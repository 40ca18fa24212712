"""Generate a project of N realistic roles (like the seeds: 6 duties of 4 tasks, 10 KPIs in
4 dimensions, 2 scenarios, 5 glossary terms, Chinese text; each role but the first reporting to another,
eight reports each), laid out as `rolebook init` lays a project out (a templates/ folder with its README),
deterministically.

    python benchmarks/generate.py N OUT_DIR
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

import yaml

PHRASES = [
    "根据公司整体销售策略与季度、年度销售指标，结合团队实际情况制定执行计划",
    "通过市场调研分析竞争对手的销售策略，识别行业动态及客户需求变化",
    "定期拜访重要客户，收集客户反馈并提出改进方案",
    "与市场部、研发部沟通，获取市场数据及客户反馈",
    "使用销售管理软件监控销售数据，定期生成业绩报告",
    "审核销售预算，分析实际与预算差异，优化资源配置",
    "组织团队会议传达公司目标，制定个性化培训计划",
    "准确、及时地将客户信息、沟通记录、销售进展录入 **CRM 系统**",
]
DEPARTMENTS = ["市场部", "研发部", "客服部", "财务部", "人力资源部", "生产部"]


def text(rng: random.Random, sentences: int = 1) -> str:
    return "；".join(rng.choice(PHRASES) for _ in range(sentences)) + "。"


def role(index: int, rng: random.Random) -> dict:
    duties = [{
        "id": f"duty-{d}",
        "title": f"职责{d + 1}：{rng.choice(PHRASES)[:16]}",
        "daily_tasks": [text(rng) for _ in range(4)],
        "collaboration": [{"with": rng.sample(DEPARTMENTS, 2), "purpose": text(rng)}],
        "deliverables": [f"交付物{d}-{k}" for k in range(2)],
    } for d in range(6)]
    weights = [10] * 10
    dimensions = []
    for d, size in enumerate([3, 3, 2, 2]):
        kpis = []
        for _ in range(size):
            n = len([kpi for dim in dimensions for kpi in dim["kpis"]]) + len(kpis)
            lower = n % 4 == 3
            kpis.append({
                "id": f"kpi-{n}", "name": f"指标{n}：销售业绩达成率", "definition": text(rng),
                "formula": "实际销售额 ÷ 目标销售额 × 100%", "unit": "%", "weight": weights[n],
                "direction": "lower" if lower else "higher",
                "target": 5 if lower else 100,
                "thresholds": {"pass": 8, "excellent": 2} if lower else {"pass": 90, "excellent": 105},
                "source": "CRM 系统",
            })
        dimensions.append({"id": f"dim-{d}", "name": f"维度{d}", "weight": 10 * size, "kpis": kpis})
    terms = [f"术语{index}-{t}" for t in range(5)]
    return {
        "id": f"role-{index:04d}",
        "title": f"销售岗位 {index}",
        "department": "销售部",
        "grade": f"P{index % 5 + 1}",
        **({"reports_to": f"role-{(index - 1) // 8:04d}"} if index else {}),
        "version": "1.0.0",
        "effective": "2026-01-01",
        "status": "approved",
        "summary": text(rng, 3) + " " + "、".join(terms),
        "duties": duties,
        "requirements": {"education": "本科及以上学历", "experience": "3 年以上销售经验",
                         "skills": ["CRM 系统", "数据分析"],
                         "competencies": [{"name": "沟通能力", "description": text(rng)}]},
        "scenarios": [{"title": f"案例{s}", "background": text(rng), "task": text(rng, 2),
                       "communication": text(rng), "outcome": text(rng)} for s in range(2)],
        "assessment": {
            "period": "quarterly",
            "dimensions": dimensions,
            "grades": [{"grade": "A", "min": 90, "label": "优秀"}, {"grade": "B", "min": 70, "label": "合格"},
                       {"grade": "C", "min": 0, "label": "待改进"}],
        },
        "glossary": [{"term": term, "definition": text(rng)} for term in terms],
    }


def generate(count: int, out: Path) -> Path:
    rng = random.Random(20261127)
    specs = out / "role_specs"
    specs.mkdir(parents=True, exist_ok=True)
    (out / "rolebook.yaml").write_text("organization: 基准测试公司\nlanguage: zh-CN\n", encoding="utf-8")
    (out / "templates").mkdir(exist_ok=True)  # as `init` makes it: the build looks for overrides there
    (out / "templates" / "README.md").write_text("# 模板覆盖\n", encoding="utf-8")
    for index in range(count):
        data = role(index, rng)
        (specs / f"{data['id']}.yaml").write_text(
            yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")
    return out


def copy_example(out: Path) -> Path:
    """The repository's example project (the seeds' roles), copied to `out`."""
    import shutil

    repo = Path(__file__).resolve().parent.parent
    out.mkdir(parents=True)
    for name in ("rolebook.yaml", "role_specs", "library", "policies", "templates"):
        source = repo / name
        if source.exists():
            (shutil.copytree if source.is_dir() else shutil.copy)(source, out / name)
    return out


if __name__ == "__main__":
    generate(int(sys.argv[1]), Path(sys.argv[2]))
