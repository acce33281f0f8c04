"""Chinese messages for YAML syntax errors and JSON Schema violations.

jsonschema has no translations, so we map each validator keyword to a
sentence an editor can act on: what is wrong, the bad value, what is expected.
"""
from __future__ import annotations

import json

import yaml

TYPE_NAMES = {
    "string": "文字", "integer": "整数", "number": "数字", "boolean": "是/否",
    "array": "列表（每项以 - 开头）", "object": "字段表（键: 值）", "null": "空值",
}


def show(value) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "…"


def type_name(t) -> str:
    if isinstance(t, list):
        return "或".join(TYPE_NAMES.get(x, x) for x in t)
    return TYPE_NAMES.get(t, t)


def field_title(err) -> str:
    title = err.schema.get("title") if isinstance(err.schema, dict) else None
    return f"（{title}）" if title else ""


def schema_message(err) -> str:
    v, inst = err.validator, err.instance
    what = field_title(err)
    if v == "required":
        missing = [k for k in err.validator_value if isinstance(inst, dict) and k not in inst]
        name = missing[0] if missing else err.validator_value
        sub = err.schema.get("properties", {}).get(name, {})
        title = f"（{sub['title']}）" if "title" in sub else ""
        return f"缺少必填字段“{name}”{title}"
    if v == "additionalProperties":
        allowed = "、".join(err.schema.get("properties", {}))
        extra = [k for k in inst if k not in err.schema.get("properties", {})]
        return f"不认识的字段“{'、'.join(map(str, extra))}”（可能拼写有误）；此处允许的字段有：{allowed}"
    if v == "type":
        return f"值 {show(inst)} 的类型不对{what}：应为{type_name(err.validator_value)}"
    if v == "enum":
        options = "、".join(str(x) for x in err.validator_value)
        return f"值 {show(inst)} 不在允许范围内{what}：只能是 {options} 之一"
    if v == "const":
        return f"值 {show(inst)} 不对{what}：应为 {show(err.validator_value)}"
    if v == "pattern":
        hint = err.schema.get("x-format-hint") or f"需符合格式 {err.validator_value}"
        return f"值 {show(inst)} 格式不对{what}：{hint}"
    if v == "minLength":
        return f"值不能为空{what}"
    if v == "minItems":
        return f"列表不能为空{what}：至少需要 {err.validator_value} 项"
    if v == "minimum":
        return f"值 {show(inst)} 太小{what}：不能小于 {err.validator_value}"
    if v == "uniqueItems":
        return f"列表中有重复的项{what}"
    return f"值 {show(inst)} 不符合要求{what}：{err.message}"


ADVICE = {
    "found character '\\t' that cannot start any token":
        "YAML 不允许用 Tab 键缩进，请改用空格（每级两个空格）",
    "found unexpected end of stream":
        "引号没有成对：请检查这一行或上面几行的引号 \" 或 ' 是否都已闭合",
    "mapping values are not allowed here":
        "这一行出现了多余的冒号：若值里需要英文冒号“: ”，请给整个值加上引号；也可能是缩进不对",
    "could not find expected ':'":
        "缺少冒号：每个字段要写成“字段名: 值”（冒号后有一个空格）；若值较长请加引号",
    "expected <block end>, but found":
        "缩进不一致：同一层级的字段必须对齐，列表项“- ”要与上一项对齐",
    "did not find expected key":
        "缩进不一致：同一层级的字段必须对齐；若值里含有引号或冒号，请给整个值加引号",
    "did not find expected node content":
        "这里缺少内容：检查方括号 [ ] 或花括号 { } 是否成对、逗号后是否缺少值",
    "while parsing a flow sequence":
        "方括号 [ ] 没有成对：请补上缺少的 ] 或删除多余的 [",
    "while parsing a flow mapping":
        "花括号 { } 没有成对：请补上缺少的 } 或删除多余的 {",
    "while scanning a quoted scalar":
        "引号没有成对：请检查这一行的引号 \" 或 ' 是否已闭合",
    "did not find expected '-' indicator":
        "列表项缩进不一致：每个“- ”必须与同一列表的其他项对齐",
    "found undefined alias":
        "值以 * 开头会被当作引用：如果这是文字，请给整个值加引号",
    "found character that cannot start any token":
        "这一行以特殊符号（如 @ ` % |）开头：请给整个值加引号",
}


def yaml_message(exc: yaml.YAMLError, text: str) -> str:
    raw = str(exc)
    advice = next((a for key, a in ADVICE.items() if key in raw), None)
    if advice is None:
        advice = "YAML 写法有误：请检查引号、冒号（“字段名: 值”）和缩进（用空格，同级对齐）"
    problem = getattr(exc, "problem", None) or ""
    return f"YAML 语法错误：{advice}（解析器原文：{problem}）" if problem else f"YAML 语法错误：{advice}"
