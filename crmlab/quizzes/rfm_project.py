"""Chapter 4 self-check (旭东 RFM 实训): R, F, M by hand, the 高/低 rule, tiers and strategies, and
what moving "today" or choosing the median does. Questions in crmlab's words; they never give away
the 旭东 figures."""

QUESTIONS = [
    {
        "question": "实训中“今天”是 2021 年 4 月 1 日。某客户最后一次消费在 2021 年 3 月 25 日，他的 R 值是多少？",
        "options": ["6", "7", "25", "31"],
        "answer": 1,
        "explanation": "从 3 月 25 日到 4 月 1 日相隔 7 天（3 月有 31 天：31 − 25 + 1 = 7）。",
    },
    {
        "question": "旭东的交易记录每行是一笔订单。客户的 F 值怎么算？",
        "options": ["他所有订单金额的合计", "他在 3 月里的订单笔数", "他最后一笔订单的金额",
                    "首末两次消费相隔的天数"],
        "answer": 1,
        "explanation": "F 是统计期内的消费次数：数一数这位客户有几笔订单。",
    },
    {
        "question": "全体客户 R 的平均值是 10 天。某客户 R = 12，他的 R 等级是？",
        "options": ["高", "低"],
        "answer": 1,
        "explanation": "R 的方向相反：天数小于或等于平均值才是“高”；12 天比平均更久没来，所以是“低”。",
    },
    {
        "question": "某客户 R 高、F 低、M 高，按表 5-2 他属于哪一类？",
        "options": ["重要价值客户", "重要发展客户", "重要保持客户", "一般发展客户"],
        "answer": 1,
        "explanation": "高低高是“重要发展客户”：最近来过、花钱多但来得少，用营销和促销吸引他多来。",
    },
    {
        "question": "把“今天”往后推 7 天（其他都不变），客户的分级会怎样？",
        "options": ["所有客户都变成 R 低", "F 和 M 也跟着变", "分级不变", "无法判断"],
        "answer": 2,
        "explanation": "每位客户的 R 同时加 7，平均值也加 7，谁高谁低不变；F、M 与“今天”无关。"
                       "可以在笔记本的玩具数据控件里验证。",
    },
    {
        "question": "少数客户的消费金额特别大时，用平均值还是中位数做 M 的标准，M 为“高”的客户会更少？",
        "options": ["平均值", "中位数", "一样多"],
        "answer": 0,
        "explanation": "大额客户把平均值拉高，能超过它的人变少；中位数总把客户分成差不多各一半。",
    },
    {
        "question": "下面哪些是本次实训要交的结果？",
        "options": ["每位客户的 R、F、M（表 5-3）", "每位客户的高低与等级", "每类客户的人数和策略",
                    "下个月的销售预测"],
        "answer": [0, 1, 2],
        "explanation": "实训三步：算 R、F、M，建立 RFM 模型（高/低），给客户分级并配上策略；不要求做销售预测。",
    },
]
