"""Chapter 4 quizzes (旭东 RFM 实训), one short check after each section of the lesson plus a
closing quiz: the data and "today", cleaning an export, R/F/M per customer, 高/低 against the
mean, tiers and counts. Wrong options are real misconceptions (R large = 高, 125 cells vs 8 tiers,
mean vs median, 合计 counted as a customer, a refund counted as a purchase, transactions counted
as customers); several questions ask for a computation. The numbers are the quiz's own: they never
give away the 旭东 figures.

``QUESTIONS`` is every question in lesson order (the format every bank shares); the section
lists (``BACKGROUND``, ``CLEANING``, ``RFM_VALUES``, ``LEVELS``, ``TIERS``, ``CLOSING``) are the
same questions, for ``Quiz.from_dicts(...)`` right after their section.
"""

BACKGROUND = [
    {
        "question": "实训中“今天”是 2021 年 4 月 1 日。某客户最后一次消费在 2021 年 3 月 25 日，他的 R 值是多少？",
        "options": ["6", "7", "25", "31"],
        "answer": 1,
        "explanation": "从 3 月 25 日到 4 月 1 日相隔 7 天：两个日期相减，不用再加 1（3 月有 31 天：31 − 25 + 1 = 7）。",
    },
    {
        "question": "本课用的“交易记录.xlsx”是哪里来的？",
        "options": ["旭东公司系统导出的真实交易", "教材随书附带的原始表格", "网上公开的零售数据集",
                    "本工作簿用脚本重建的数据"],
        "answer": 3,
        "explanation": "教材的资料里没有这份文件。它由 scripts/make_data.py 按固定随机种子生成：先为八类客户各设一种"
                       "消费习惯，再抽出每位客户 3 月的日期和金额。它是为练习重建的，不是真实数据。",
    },
]

CLEANING = [
    {
        "question": "导出文件最后一行是“合计”。如果没有删掉它就按客户分组，会怎样？",
        "options": ["程序报错，算不下去", "“合计”被当成一位客户", "pandas 自动跳过这一行",
                    "只影响 F，不影响 M"],
        "answer": 1,
        "explanation": "pandas 不知道“合计”不是人名：它会多出一位“客户”，他的 M 等于全部金额之和，"
                       "平均值也被拉高，别人的高 / 低随之改变。所以要先用 != 或 isin 把这一行筛掉。",
    },
    {
        "question": "“王五 ”（末尾多一个空格）和“王五”出现在同一列里，groupby 时会怎样？",
        "options": ["自动合并成一位客户", "分成两位不同的客户", "带空格的那行被删掉", "程序报错"],
        "answer": 1,
        "explanation": "对 pandas 来说这是两个不同的字符串，会分成两组。先用 .str.strip() 去掉首尾空格再分组。",
    },
    {
        "question": "某客户有三行记录：订单 A 500 元、订单 B 300 元、订单 A 的退货 −200 元（编号仍是 A）。"
                    "按本课的算法（F 数不同的订单编号，M 把金额加起来），他的 F 和 M 是？",
        "options": ["F = 3，M = 1000", "F = 3，M = 600", "F = 2，M = 800", "F = 2，M = 600"],
        "answer": 3,
        "explanation": "退货冲减金额：500 + 300 − 200 = 600；退货不是新的一次购买，两个不同的订单编号，F = 2。"
                       "用 count 数行会得到 3，把退货也算成了一次消费。",
    },
]

RFM_VALUES = [
    {
        "question": "按客户分组后，要算 R，应当对交易日期取哪一个汇总？",
        "options": ["max：最近的日期", "min：最早的日期", "count：记录条数", "mean：平均日期"],
        "answer": 0,
        "explanation": "R 看“最近一次”消费：取每位客户日期的最大值，再用“今天”减去它。",
    },
    {
        "question": "今天是 4 月 1 日。某客户在 3 月 3 日、3 月 17 日、3 月 29 日各买了一次（三个不同的订单）。他的 R 和 F 是？",
        "options": ["R = 29，F = 3", "R = 3，F = 29", "R = 3，F = 3", "R = 4，F = 3"],
        "answer": 2,
        "explanation": "R 从最后一次（3 月 29 日）数到 4 月 1 日：3 天；F 是 3 次。R = 29 是从第一次算起，R = 4 是两头都算。",
    },
    {
        "question": "“今天 − 最近日期”得到一列时间差（例如 5 days）。怎样把它变成整数天数？",
        "options": [".dt.day", ".dt.days", "len(...)", ".round()"],
        "answer": 1,
        "explanation": ".dt.days 取时间差的天数。.dt.day 是日期的“几号”，用在时间差上会报错；len 数的是行数。",
    },
]

LEVELS = [
    {
        "question": "全体客户 R 的平均值是 10 天。某客户 R = 12，他的 R 等级是？",
        "options": ["高", "低"],
        "answer": 1,
        "explanation": "R 的方向相反：天数小于或等于平均值才是“高”。12 天比平均更久没来，所以是“低”。",
    },
    {
        "question": "F 的平均值正好是 2.0，某客户 F = 2。按本课的规则，他的 F 等级是？",
        "options": ["要看 R 和 M 才能定", "低", "高"],
        "answer": 2,
        "explanation": "F、M 是“大于或等于”平均值为高，等于平均值也算高。写成 > 会把他错标为低。",
    },
    {
        "question": "少数客户的消费金额特别大。用平均值（而不是中位数）做 M 的标准，M 为“高”的客户会？",
        "options": ["更少", "更多", "一样多"],
        "answer": 0,
        "explanation": "大额客户把平均值拉高，能超过它的人变少；中位数总把客户分成差不多各一半。",
    },
    {
        "question": "本课用全体客户的平均值划分高 / 低。这条规则从哪里来？",
        "options": ["教材原文写明用平均值", "常见做法；教材没写到", "教材原文写明用中位数",
                    "crmlab 只允许平均值"],
        "answer": 1,
        "explanation": "教材的资料在说明标准之前就断了。与平均值比较是 Excel 做法的常见教法；"
                       "crmlab 也可以用中位数或自定义阈值。",
    },
]

TIERS = [
    {
        "question": "某客户 R 高、F 低、M 高，按表 5-2 他属于哪一类？",
        "options": ["重要价值客户", "重要保持客户", "重要发展客户", "一般发展客户"],
        "answer": 2,
        "explanation": "高低高是“重要发展客户”：最近来过、花钱多但来得少，用营销和促销吸引他多来。",
    },
    {
        "question": "实训把客户分成几类？",
        "options": ["125 类", "8 类", "3 类", "5 类"],
        "answer": 1,
        "explanation": "R、F、M 各分高 / 低两级，2 × 2 × 2 = 8 类（表 5-2）。各打 1～5 分才是 125 个格子，太细，不便执行。",
    },
    {
        "question": "统计“每类客户有几位”时，应当对哪张表数 segment？",
        "options": ["清理后的交易表", "表 5-2 的规则表", "每位客户一行的分级表", "原始导出表"],
        "answer": 2,
        "explanation": "交易表每笔交易一行，数它会把一位来过 3 次的客户算成 3 位；规则表每类只有一行。"
                       "人数要在每位客户一行的表上数。",
    },
    {
        "question": "5 位客户的 M 各不相同。按 crmlab 的 1～5 打分规则（按排名的百分位分档），M 最大的客户得几分？",
        "options": ["1 分", "3 分", "5 分", "看金额多少才知道"],
        "answer": 2,
        "explanation": "按排名打分：5 位客户正好各占一档，最大的排最后一位，百分位最高，得 5 分。分数只看名次，不看金额本身。",
    },
]

CLOSING = [
    {
        "question": "把“今天”往后推 7 天（其他都不变），客户的分级会怎样？",
        "options": ["分级不变", "所有客户都变成 R 低", "F 和 M 也跟着变", "无法判断"],
        "answer": 0,
        "explanation": "每位客户的 R 同时加 7，平均值也加 7，谁高谁低不变；F、M 与“今天”无关。"
                       "可以在本章的控件一里验证。",
    },
    {
        "question": "三位客户的 R 分别是 2、10、30 天。R 的平均值是多少？R 为“高”的有几位？",
        "options": ["平均 10，2 位高", "平均 14，1 位高", "平均 14，2 位高", "平均 10，1 位高"],
        "answer": 2,
        "explanation": "(2 + 10 + 30) ÷ 3 = 14；R ≤ 14 为高：2 天和 10 天两位。10 是中位数；“1 位高”是把 R 大当成了高。",
    },
    {
        "question": "4 位客户的 M 是 100、200、300、400 元，导出表最后还有一行“合计 1000”。忘了删合计行，M 的平均值会怎样？",
        "options": ["还是 250", "从 250 变成 400", "从 250 变成 500", "从 400 变成 250"],
        "answer": 1,
        "explanation": "4 位客户平均 1000 ÷ 4 = 250；把合计当成第 5 位客户，平均变成 (1000 + 1000) ÷ 5 = 400，"
                       "本来 M 为高的 300、400 元两位都成了低。",
    },
    {
        "question": "某客户只在 3 月 2 日来过一次，却花了远高于平均的金额（今天 4 月 1 日，其他客户大多近期来过）。他最可能是？",
        "options": ["重要价值客户", "重要发展客户", "一般挽留客户", "重要挽留客户"],
        "answer": 3,
        "explanation": "很久没来（R 低）、只来一次（F 低）、金额高（M 高）：低低高是重要挽留客户，应当主动联系、挽回。",
    },
    {
        "question": "下面哪些是本次实训要交的结果？",
        "options": ["每位客户的 R、F、M（表 5-3）", "每位客户的高低与等级", "每类客户的人数和策略",
                    "下个月的销售预测"],
        "answer": [0, 1, 2],
        "explanation": "实训三步：算 R、F、M，建立 RFM 模型（高 / 低），给客户分级并配上策略；不要求做销售预测。",
    },
]

QUESTIONS = BACKGROUND + CLEANING + RFM_VALUES + LEVELS + TIERS + CLOSING
