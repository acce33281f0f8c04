"""Chinese messages for YAML syntax errors and JSON Schema violations.

jsonschema has no translations, so we map each validator keyword to a
sentence an editor can act on: what is wrong, the bad value, what is expected.

PyYAML's own error marks say *where* parsing stopped; its English texts say
little about *why* to someone who is not a programmer. ``yaml_problem`` keeps
PyYAML's marks and picks the place and the advice from the kind of error
(and, for the few mistakes Chinese input methods make easy, from the line
itself: a full-width colon after a field name).
"""
from __future__ import annotations

import json
import re
import unicodedata

import yaml

TYPE_NAMES = {
    "string": "文字", "integer": "整数", "number": "数字", "boolean": "是/否",
    "array": "列表（每项以 - 开头）", "object": "字段表（键: 值）", "null": "空值",
}


def show(value) -> str:
    """A value as an editor would recognise it in the YAML file, with
    characters nobody can see spelled out: 基本符合预期〔全角空格〕."""
    if value is None:
        return "（空）"
    if isinstance(value, bool):
        return "true" if value else "false"
    text = json.dumps(value, ensure_ascii=False, default=str)
    text = text if len(text) <= 60 else text[:57] + "…"
    return "".join(f"〔{char_name(c)}〕" if invisible(c) else c for c in text)


def invisible(char: str) -> bool:
    """Characters a reader cannot tell from a space or from nothing: format
    characters (zero-width space, joiners, direction marks, byte-order mark,
    soft hyphen) and every space except the ASCII one."""
    return unicodedata.category(char) in ("Cf", "Zl", "Zp") or (
        unicodedata.category(char) == "Zs" and char != " ")


# Names editors know, for the characters that get pasted in unseen.
CHAR_NAMES = {
    "\u3000": "全角空格", "\u00a0": "不换行空格", "\u200b": "零宽空格", "\u200c": "零宽非连接符",
    "\u200d": "零宽连接符", "\u2060": "零宽不换行符", "\ufeff": "字节顺序标记 BOM", "\u00ad": "软连字符",
    "\u200e": "从左到右标记", "\u200f": "从右到左标记", "\u2028": "行分隔符", "\u2029": "段分隔符",
}


def char_name(char: str) -> str:
    return f"{CHAR_NAMES.get(char, '看不见的字符')} U+{ord(char):04X}"


def type_name(t) -> str:
    if isinstance(t, list):
        return "或".join(TYPE_NAMES.get(x, x) for x in t)
    return TYPE_NAMES.get(t, t)


def field_title(err) -> str:
    title = err.schema.get("title") if isinstance(err.schema, dict) else None
    return f"（{title}）" if title else ""


def _looks_numeric(text: str) -> bool:
    """'4', '-2.5': what YAML reads as a number unless it is quoted."""
    return re.fullmatch(r"-?\d+(\.\d+)?", text.strip()) is not None


def type_hint(inst, expected) -> str:
    """Why a value that looks right has the wrong type. Plain values are
    typed by the schema (yamltext.py), so a number here was quoted."""
    wanted = expected if isinstance(expected, list) else [expected]
    if inst is None:
        if "string" in wanted:
            return "；若此处确实没有内容，请写成两个单引号 ''"
        return "；这里不能空着"
    if isinstance(inst, str) and _looks_numeric(inst) and ({"integer", "number"} & set(wanted)):
        return "；数字不要加引号"
    return ""


def schema_message(err) -> str:
    v, inst = err.validator, err.instance
    what = field_title(err)
    if isinstance(err.schema, dict) and "x-message" in err.schema:
        return f"{err.schema['x-message']}（现在的值：{show(inst)}）"
    if v == "required":
        missing = [k for k in err.validator_value if isinstance(inst, dict) and k not in inst]
        # jsonschema reports each missing field as its own error: name that one
        name = next((k for k in missing if err.message.startswith(repr(k))), missing[0] if missing else err.validator_value)
        sub = err.schema.get("properties", {}).get(name, {})
        title = f"（{sub['title']}）" if "title" in sub else ""
        if "x-fill-hint" in sub:     # a field that holds fields of its own (a source)
            return f"缺少必填字段“{name}”{title}：请在这一项中加上一行“{name}:”，{sub['x-fill-hint']}"
        return f"缺少必填字段“{name}”{title}：请在这一项中加上一行“{name}: 值”"
    if v == "additionalProperties":
        allowed = "、".join(err.schema.get("properties", {}))
        extra = [k for k in inst if k not in err.schema.get("properties", {})]
        return f"不认识的字段“{'、'.join(map(str, extra))}”（可能拼写有误）；此处允许的字段有：{allowed}"
    if v == "type":
        if inst is None:
            return f"没有填写值{what}：应为{type_name(err.validator_value)}{type_hint(inst, err.validator_value)}"
        return (f"值 {show(inst)} 的类型不对{what}：应为{type_name(err.validator_value)}"
                f"{type_hint(inst, err.validator_value)}")
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
    if v == "maxLength":
        return f"值 {show(inst)} 太长{what}：最多 {err.validator_value} 个字"
    if v == "minItems":
        return f"列表不能为空{what}：至少需要 {err.validator_value} 项"
    if v == "minimum":
        return f"值 {show(inst)} 太小{what}：不能小于 {err.validator_value}"
    if v == "maximum":
        return f"值 {show(inst)} 太大{what}：不能大于 {err.validator_value}"
    if v == "uniqueItems":
        return f"列表中有重复的项{what}"
    return f"值 {show(inst)} 不符合要求{what}：{err.message}"


# What each kind of id (schema keywords "x-id" and "x-ref", see integrity.py) names.
REF_KINDS = {
    "unit": ("段落", "规划正文中已有的段落编号，如 ch4-s1-p2（网页上段落旁的 ¶ 链接里能看到）"),
    "section": ("节", "已有的节编号，如 ch4-s1"),
    "chapter": ("章", "chapters/ 中已有的章文件名（不含 .md），如 ch04"),
    "indicator": ("指标", "tables/indicators-13th.yaml 或 indicators-14th.yaml 中已有的指标编号"),
    "indicator-13th": ("“十三五”指标", "tables/indicators-13th.yaml 中已有的指标编号，如 ind13-11"),
    "indicator-14th": ("“十四五”指标", "tables/indicators-14th.yaml 中已有的指标编号，如 ind14-6"),
    "box-item": ("专栏条目", "tables/box-*.yaml 中已有的条目编号，如 box-4-1-2"),
    "table": ("表格", "tables/ 中已有的表格名，如 indicators-14th、box-4-1"),
    "commitment": ("承诺", "tables/commitments.yaml 中已有的承诺编号，如 c-ch4-s1-p1-1"),
    "term": ("名词", "tables/glossary.yaml 中已有的名词编号"),
}

# Kinds named by a file name: the message says which file is missing.
# {title}: the referring field's title in its schema (标记, 篇).
REF_FILES = {
    "table": "{title}指向不存在的表格“{value}”：没有文件 tables/{value}.yaml；请核对表格名（即 tables/ 中的文件名，不含 .yaml）",
    "chapter": "{title}中列出的章“{value}”不存在（应有文件 chapters/{value}.md）",
}


def ref_message(value, kind: str, title: str = "") -> str:
    """A reference (schema keyword "x-ref": ``kind``) to nothing; ``title``:
    the referring field's title in its schema, or ""."""
    if kind in REF_FILES:
        return REF_FILES[kind].format(title=title, value=value)
    noun, expected = REF_KINDS.get(kind, (kind, f"已有的{kind}编号"))
    what = f"（{title}）" if title else ""
    return f"引用的{noun}“{value}”不存在{what}：请填写{expected}"


# --- YAML syntax -----------------------------------------------------------

FULLWIDTH_KEY = re.compile(r"^\s*(?:-\s+)?[A-Za-z_][\w-]*\s*：")

ADVICE = {
    "tab": "YAML 不允许用 Tab 键缩进，请改用空格（每级两个空格）",
    "quote": "引号没有成对：这里开始的引号一直没有闭合；请在值的末尾补上同样的引号（\" 或 '），"
             "若文字里本身含有这种引号，请改用另一种引号括起整个值",
    "after-quote": "引号后面还有文字：加引号时要把整个值都括在引号里；若文字本身含有引号，请改用另一种引号括起整个值",
    "stray-colon": "这一行出现了多余的冒号：值里需要英文冒号“: ”时，请给整个值加上引号（或改用中文冒号“：”）",
    "indent-colon": "这一行的缩进比上一行多：同一层级的字段必须左对齐；若它是上一行的一部分，请与上一行合并",
    "fullwidth-colon": "字段名后面用了中文冒号“：”：字段名后必须是英文冒号加一个空格，如“title: 标题”",
    "no-colon": "缺少冒号：每个字段要写成“字段名: 值”（英文冒号后有一个空格）",
    "indent": "缩进不一致：同一层级的字段必须左对齐，列表项“- ”要与上一项对齐",
    "flow-seq": "方括号 [ ] 没有成对：请补上缺少的 ]，或删除多余的 [（方括号里的各项用英文逗号分隔）",
    "flow-map": "花括号 { } 没有成对：请补上缺少的 }，或删除多余的 {",
    "special": "这里以 YAML 的特殊符号开头（如 @ ` % | > * & !）：若这是文字，请给整个值加上引号",
    "documents": "文件中出现了第二个 ---：一个表格文件只能有一份内容，请删除多余的 --- 行",
    "control": "文件里有看不见的控制字符（常见于从网页或 Word 复制来的文字）：请删除这个字符",
    "escape": "双引号里的反斜杠 \\ 有特殊含义：请改用单引号括起整个值（'…'）",
    "other": "YAML 写法有误：请检查引号、冒号（“字段名: 值”）和缩进（用空格，同级左对齐）",
}


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _line(lines: list[str], index: int) -> str:
    return lines[index] if 0 <= index < len(lines) else ""


def _excerpt(line: str) -> str:
    text = line.strip()
    return text if len(text) <= 40 else text[:39] + "…"


QUOTED_VALUE = re.compile(r"^\s*(?:-\s+)?(?:[^\s:#'\"][^:#]*:\s+)?(['\"])")


def _open_quote_before(lines: list[str], index: int) -> tuple[int, int] | None:
    """(line, column) of the nearest value above ``index`` whose quote is not
    closed on its own line, when the lines between hold no such quote and the
    line at ``index`` does (that is where the runaway quote ended)."""
    here = _line(lines, index)
    for i in range(index - 1, -1, -1):
        m = QUOTED_VALUE.match(lines[i])
        if m and lines[i].count(m.group(1)) % 2 == 1:
            q = m.group(1)
            between = all(q not in lines[j] for j in range(i + 1, index))
            return (i, m.start(1)) if between and q in here else None
    return None


def yaml_problem(exc: yaml.YAMLError, text: str) -> tuple[int, int, str]:
    """(line, column, message) for a YAML error, both 1-based."""
    lines = text.split("\n")
    if isinstance(exc, yaml.reader.ReaderError):
        before = text[: exc.position]
        line = before.count("\n") + 1
        col = exc.position - (before.rfind("\n") + 1) + 1
        char = exc.character if isinstance(exc.character, str) else chr(exc.character)
        return line, col, f"YAML 语法错误：{ADVICE['control']}（字符编码 U+{ord(char):04X}）"
    problem = getattr(exc, "problem", None) or ""
    context = getattr(exc, "context", None) or ""
    pmark = getattr(exc, "problem_mark", None)
    cmark = getattr(exc, "context_mark", None)
    mark = pmark or cmark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    kind = "other"
    if "'\\t'" in problem or "\t" in problem:
        kind = "tab"
    elif "while scanning a quoted scalar" in context:
        kind = "quote"
        if cmark:   # where the quote opened, not the end of the file
            line, col = cmark.line + 1, cmark.column + 1
    elif "flow sequence" in context or "flow mapping" in context:
        kind = "flow-seq" if "sequence" in context else "flow-map"
        if cmark:   # where the bracket opened
            line, col = cmark.line + 1, cmark.column + 1
    elif "unknown escape character" in problem:
        kind = "escape"
    elif "mapping values are not allowed here" in problem:
        here, prev_index = line - 1, line - 2
        while prev_index >= 0 and not _line(lines, prev_index).strip():
            prev_index -= 1
        prev = _line(lines, prev_index)
        if FULLWIDTH_KEY.match(prev):
            kind, line, col = "fullwidth-colon", prev_index + 1, _indent(prev) + 1
        elif prev_index >= 0 and _indent(_line(lines, here)) > _indent(prev) and ": " in prev.rstrip() + " ":
            kind = "indent-colon"
        else:
            kind = "stray-colon"
    elif "could not find expected ':'" in problem:
        kind = "no-colon"
        if cmark:   # the line that lacks the colon, not the next one
            line, col = cmark.line + 1, cmark.column + 1
    elif "expected a single document" in context:
        kind = "documents"
    elif "that cannot start any token" in problem:
        kind = "special"
    elif "but found '<scalar>'" in problem and pmark:
        before = _line(lines, pmark.line)[: pmark.column].rstrip()
        kind = "after-quote" if before.endswith(("\"", "'")) else "indent"
    elif "expected <block end>" in problem or "did not find expected" in problem or "block" in context:
        kind = "indent"
    # A quote left open runs on to the next quote of the same kind, often
    # lines later, where the parser then stumbles: report where it opened.
    if kind in ("special", "indent", "other", "stray-colon", "no-colon", "after-quote"):
        opened = _open_quote_before(lines, line - 1)
        if opened is not None:
            kind, line, col = "quote", opened[0] + 1, opened[1] + 1
    # A full-width colon after a field name breaks the structure in many ways;
    # when one stands on or just before the reported line, that is the cause.
    if kind in ("no-colon", "indent", "other", "stray-colon"):
        for index in (line - 1, line - 2):
            candidate = _line(lines, index)
            if FULLWIDTH_KEY.match(candidate):
                kind, line, col = "fullwidth-colon", index + 1, _indent(candidate) + 1
                break
    message = f"YAML 语法错误：{ADVICE[kind]}"
    shown = _excerpt(_line(lines, line - 1))
    if shown:
        message += f"（这一行：{shown}）"
    if kind == "other" and problem:
        message += f"（解析器：{problem}）"
    return line, col, message


# --- values YAML reads differently from how they look (yamltext.lint) --------

def invisible_char(char: str, at_start: bool, at_end: bool, in_comment: bool) -> str:
    name = char_name(char)
    if at_start and char in "\u3000\u00a0":
        return (f"行首用了“{name}”来缩进：缩进只能用半角空格（每级两个）；"
                "请删除这一行开头的空白，再用空格键重新缩进（中文输入法请切换到半角）")
    where = "行末" if at_end else "这里"
    pasted = f"{where}有一个看不见的字符（{name}，常见于从网页、聊天软件或 Word 复制的文字）"
    if in_comment:
        return f"{pasted}：注释里也请删除它，以免被复制到值里"
    return f"{pasted}：它会成为值的一部分，使值与看上去的不同（与允许的值、原文和搜索词都对不上）；请删除它"


BLOCK = "YAML 把开头的 {c} 当作多行文字的标记"
FIRST_CHARACTER = {
    ">": BLOCK, "|": BLOCK,
    "&": "YAML 把开头的 & 当作“锚点”（给下文引用的标记），它和后面的字不会显示",
    "*": "YAML 把开头的 * 当作对“锚点”的引用",
    "!": "YAML 把开头的 ! 当作类型标记",
    "%": "YAML 不允许值以 {c} 开头", "@": "YAML 不允许值以 {c} 开头", "`": "YAML 不允许值以 {c} 开头",
    ",": "YAML 不允许值以 {c} 开头", "]": "YAML 不允许值以 {c} 开头", "}": "YAML 不允许值以 {c} 开头",
}


def _quoted(key: str | None, value: str) -> str:
    quote = "\"" if "'" in value else "'"
    shown = value if len(value) <= 16 else value[:15] + "…"
    return f"{key + ': ' if key else '- '}{quote}{shown}{quote}"


def plain_value_problem(key: str | None, value: str) -> str | None:
    """Why a plain (unquoted) value would not be read as the text it shows, or None."""
    first = value[0]
    if first in "'\"[{":
        return None
    if first in FIRST_CHARACTER:
        why = FIRST_CHARACTER[first].format(c=first)
        return f"值以“{first}”开头：{why}；若这是文字，请给整个值加上引号：{_quoted(key, value)}"
    if key and (value == "-" or value.startswith("- ")):
        what = "值是单独的“-”" if value == "-" else "值以“- ”开头"
        return f"{what}：YAML 把“- ”当作列表项的开头；原表为“-”时请加引号：{_quoted(key, value)}"
    if value == "?" or value.startswith("? "):
        return f"值以“?”开头：YAML 把“? ”当作复杂字段名的标记；若这是文字，请加引号：{_quoted(key, value)}"
    if ": " in value or value.endswith(":"):
        return (f"值里有英文冒号“:”后接空格（或在末尾）：YAML 把它当作又一个“字段名: 值”；"
                f"请给整个值加上引号：{_quoted(key, value)}，或改用中文冒号“：”")
    cut = re.search(r"[ \t]#", value)
    if cut:
        return (f"值里的“{value[cut.start():].strip()}”会被当作注释而丢掉（YAML 中空格后的 # 开始注释），"
                f"网站只会显示“{value[:cut.start()].rstrip()}”：若 # 是值的一部分，请给整个值加上引号："
                f"{_quoted(key, value)}；若是注释，请把它单独写在一行")
    return None


def comment_only_value() -> str:
    return ("值以“#”开头，YAML 把 # 之后的内容当作注释，这个字段就成了空的："
            "若 # 是值的一部分，请给整个值加上引号，如 name: '#1'")


def multiline_value(start: int, end: int) -> str:
    return (f"值从第 {start} 行延续到第 {end} 行：YAML 会把换行变成空格，网页上的文字就与原文不同；"
            "请把整个值写在同一行（编辑器里的自动换行不影响）")


def number_form(value: str, title: str = "") -> str:
    ascii_value = value.translate(FULLWIDTH_DIGITS).replace(",", "").replace("，", "")
    what = f"（{title}）" if title else ""
    if any(c in value for c in "０１２３４５６７８９"):
        return (f"值 {show(value)} 用了全角数字{what}：程序不把它当作数字；"
                f"请用半角数字写成 {ascii_value}（中文输入法请切换到半角）")
    return (f"值 {show(value)} 里有千位分隔符“,”{what}：程序不把它当作数字（图表不会画出它）；"
            f"请去掉逗号，写成 {ascii_value}")


FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９．－", "0123456789.-")


def not_a_plain_number(value: str, integer: bool, nullable: bool, title: str = "") -> str:
    wanted = "整数" if integer else "数字"
    what = f"（{title}）" if title else ""
    if re.fullmatch(r"-?0[0-9]+", value):
        return f"值 {show(value)} 以 0 开头{what}：{wanted}请写成普通的十进制数 {int(value)}，不要在前面补 0"
    if integer and re.fullmatch(r"-?[0-9]+\.[0-9]+", value):
        return f"值 {show(value)} 不是整数{what}：这里只能填整数，不带小数点"
    nothing = "；没有时写 null" if nullable else ""
    return (f"值 {show(value)} 不是{wanted}{what}：请填写半角阿拉伯数字（如 12），"
            f"不要写汉字、冒号、字母或逗号{nothing}")


def misplaced_field(name: str, owner_title: str, owner_path: str, sibling: str | None) -> str:
    align = f"，与 {sibling} 左对齐" if sibling else ""
    return (f"字段“{name}”写错了层级：它不属于这里，而是{owner_title}（{owner_path}）的字段；"
            f"请把这一行移到上一层{align}")
