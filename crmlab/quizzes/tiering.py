"""Chapter 3 quizzes (客户分级方法): a short check after each section and a closing quiz.

Facts from the course's chapter 5 (seed 001), questions in crmlab's words. Wrong options are
the mistakes students make: ABC by count vs by value, a profit share that "cannot" pass 100%,
R large = 高, off-by-one days, mean vs median on skewed data, 125 cells vs 8 tiers, rank 1 =
score 1. Each list is one quiz point in ``notebooks/03_客户分级方法.ipynb``; :data:`QUESTIONS`
is all of them in chapter order.
"""

#: Section 1: when tiering is worth it.
CONDITION_QUESTIONS = [
    {
        "question": "在什么情况下，企业才值得对客户做分级管理？",
        "options": ["客户多到营销人员照顾不过来", "每位客户只买一次", "同一客户会反复购买", "客户之间价值差别大"],
        "answer": [0, 2, 3],
        "explanation": "教材列出三个条件：客户数量超出管理幅度、同一客户复购率较高、客户之间价值差异明显。"
                       "每位客户只买一次时，分级就失去了意义。",
    },
    {
        "question": "如果每位客户都只来买一次，“给客户分级”实际上变成了给什么分级？",
        "options": ["给产品分级", "仍然是给客户分级", "给销售机会分级", "给销售员分级"],
        "answer": 2,
        "explanation": "客户不会再来，给他定等级、安排以后的服务就没有用；能区分的只是这一次销售机会的大小。",
    },
]

#: Section 2: ABC.
ABC_QUESTIONS = [
    {
        "question": "教材里 ABC 分类法的“20 : 30 : 50”，说的是什么的比例？",
        "options": ["A、B、C 三类的金额占比", "A、B、C 三类的客户人数占比", "A、B、C 三类的利润占比",
                    "A、B、C 三类的订单笔数占比"],
        "answer": 1,
        "explanation": "20 : 30 : 50 是人数：前 20% 的客户为 A 类，接下来 30% 为 B 类，其余 50% 为 C 类。"
                       "A 类客户的金额占比往往远高于 20%，本章的演示数据就是这样。",
    },
    {
        "question": "五位客户的金额是 50、20、15、10、5（合计 100）。按累计金额 70/20/10 分类，哪几位是 A 类？",
        "options": ["只有金额 50 的那位", "金额 50 和 20 的两位", "金额 50、20、15 的三位", "五位里没有 A 类"],
        "answer": 1,
        "explanation": "累计金额占比依次是 50%、70%、85%、95%、100%，累计到 70% 为止的两位是 A 类。"
                       "只选金额 50 的那位，是按人数取了前 20%。",
    },
    {
        "question": "调用 crmlab.abc_analysis(合计) 而不写 by= 时，它按什么分类？",
        "options": ["按累计金额 70/20/10", "按利润从高到低", "按人数 20/30/50", "按订单笔数"],
        "answer": 2,
        "explanation": "默认 by=\"count\"，按人数 20 : 30 : 50，和教材一致；"
                       "按累计金额分要写 by=\"value\"（默认分界点 70% 和 90%）。",
    },
    {
        "question": "下面哪一项是 ABC 分类法的不足？",
        "options": ["简单易行", "便于合理配置资源", "结果较粗、对价值的判断滞后", "客户类别可以定期重算，动态管理"],
        "answer": 2,
        "explanation": "简单易行、便于配置资源、可以动态管理都是它的长处；"
                       "不足是分得粗，而且只看过去，对客户价值的判断会滞后。",
    },
]

#: Section 3: the customer pyramid (Table 5-1).
PYRAMID_QUESTIONS = [
    {
        "question": "客户金字塔（表 5-1）按利润排名划分时，“重要客户”是哪一段？",
        "options": ["排名前 5%", "排名第 6%～20%", "排名第 21%～50%", "排名后 50%"],
        "answer": 1,
        "explanation": "前 5% 是高端客户，6%～20% 是重要客户，21%～50% 是普通客户，后 50% 是小客户。",
    },
    {
        "question": "表 5-1 的口径二按累计利润划分。“高端客户”是哪些客户？",
        "options": ["排在最前、合计占利润 80% 的客户", "购买次数最多的 5% 客户", "排在最后、合计占利润 5% 的客户",
                    "排在最前、合计占利润 50% 的客户"],
        "answer": 3,
        "explanation": "按累计利润，四层依次占利润的 50%、30%、15%、5%，合计 100%。",
    },
    {
        "question": "四位客户的利润是 60、50、10、−20（合计 100）。利润最高的两位创造了全部利润的百分之几？",
        "options": ["100%", "91.7%", "110%", "50%"],
        "answer": 2,
        "explanation": "(60 + 50) ÷ 100 = 110%。有客户亏损时，赚钱客户的利润之和会超过总利润；"
                       "91.7% 是除以了不含亏损的 120，没有算亏损客户吃掉的利润。",
    },
]

#: Section 4: CLV-CS.
CLV_CS_QUESTIONS = [
    {
        "question": "与 ABC 分类法相比，CLV-CS 分类法的主要长处是什么？",
        "options": ["计算最简单", "兼顾未来价值和满意度", "只需要历史销售额", "两个指标都能精确量化"],
        "answer": 1,
        "explanation": "CLV-CS 用终身价值和满意度两个维度，面向未来；"
                       "它的短处正是这两个指标都不是确定、可完全量化的数据。",
    },
    {
        "question": "某客户每年带来利润 100 元，保留率 0.5，年折现率 0.1。按本章的公式 m × r ÷ (1 + d − r)，他的 CLV 约是多少元？",
        "options": ["50", "100", "166.7", "83.3"],
        "answer": 3,
        "explanation": "100 × 0.5 ÷ (1 + 0.1 − 0.5) = 50 ÷ 0.6 ≈ 83.3。50 只算了一年，"
                       "166.7 是漏了分子里的保留率 r。",
    },
]

#: Section 5, first part: R, F, M and the eight tiers of Table 5-2.
RFM_QUESTIONS = [
    {
        "question": "RFM 模型中，R“高”是什么意思？",
        "options": ["R 的数值大：很久没来消费", "R 的数值小：最近刚来消费过", "消费次数多", "消费金额大"],
        "answer": 1,
        "explanation": "R 是最后一次消费距今天的天数，天数越小越好，所以 R 的数值小才算“高”。",
    },
    {
        "question": "“今天”是 2024-01-01，某客户最后一次购买在 2023-12-29。他的 R 是多少天？",
        "options": ["2 天", "4 天", "−3 天", "3 天"],
        "answer": 3,
        "explanation": "从 12 月 29 日到 1 月 1 日是 3 天（30 日、31 日、1 日）。2 和 4 都差了一天，"
                       "−3 是把两个日期减反了。",
    },
    {
        "question": "M 的分布右偏：少数客户花得特别多。用平均值做高低标准时，M 为“高”的客户大约占多少？",
        "options": ["正好一半", "少于一半", "多于一半", "一定是 20%"],
        "answer": 1,
        "explanation": "少数大额把平均值拉到大多数客户之上，所以达到平均值的客户不到一半；"
                       "用中位数时才是大约一半。",
    },
    {
        "question": "某客户 R 低、F 低、M 高（很久没来、来得少，但花钱多），按表 5-2 应当怎样对待？",
        "options": ["积极挽回，请他提意见", "提供 VIP 专属服务", "顺其自然，不额外投入", "推送近期活动信息"],
        "answer": 0,
        "explanation": "这是“重要挽留客户”：价值高但有流失迹象，要主动挽留。VIP 待遇给的是三项都高的重要价值客户。",
    },
]

#: Section 5, second part: 1-5 scores and the 125 cells.
SCORE_QUESTIONS = [
    {
        "question": "R、F、M 各分成 5 个等级能得到多少个格子？只分“高/低”两级又得到几类？",
        "options": ["125 个格子；6 类", "15 个格子；6 类", "25 个格子；4 类", "125 个格子；8 类"],
        "answer": 3,
        "explanation": "5 × 5 × 5 = 125，太细不便执行；2 × 2 × 2 = 8，就是表 5-2 的八类客户。",
    },
    {
        "question": "crmlab 给 M 打 1～5 分：按 M 排名，算名次百分位，分成五段，越好分越高。1,000 位客户里 M 最高的 200 位得几分？",
        "options": ["1 分", "5 分", "3 分", "4 分"],
        "answer": 1,
        "explanation": "分数越高越好，M 最高的 20% 落在最好的一段，得 5 分。"
                       "答 1 分是把“排名第 1”当成了“1 分”。",
    },
]

#: The closing quiz: the chapter as a whole.
CLOSING_QUESTIONS = [
    {
        "question": "面对众多小客户，教材建议企业怎么做？",
        "options": ["全部放弃", "都提供最好的服务", "先甄选，再区别对待", "把所有小客户都升级为大客户"],
        "answer": 2,
        "explanation": "小客户要区别对待：培养有潜力的，压低没有潜力者的服务成本，坚决淘汰劣质客户。",
    },
    {
        "question": "同一位客户，在 ABC 里是 A 类，在 RFM 里是“重要挽留客户”。这说明什么？",
        "options": ["两种方法里一定有一种算错了", "他过去花得多，但近来不活跃", "A 类不会流失，RFM 结果可以忽略",
                    "RFM 只看金额，不看购买时间"],
        "answer": 1,
        "explanation": "ABC 只看金额，RFM 还看最近一次购买和购买次数。两个结果并不矛盾：合起来说明这是一位要赶紧挽留的大客户。",
    },
    {
        "question": "按表 5-1 的口径二（累计利润）划分，当有不少客户亏损时，最后“5% 的利润”这一层会怎样？",
        "options": ["正好是 5% 的客户", "装进很多客户", "一个客户都没有", "和口径一的小客户层一样多"],
        "answer": 1,
        "explanation": "累计利润先冲过 100% 再回落，从 95% 往后的一长串客户（包括所有亏损客户）都落在最后一层。",
    },
    {
        "question": "本章的演示数据和第 4 章的“交易记录.xlsx”是从哪里来的？",
        "options": ["教材配套的真实文件", "某家公司的真实导出", "本书用程序重建的数据", "网上下载的公开数据"],
        "answer": 2,
        "explanation": "它们都由 scripts/make_data.py 用固定的随机种子生成；教材的原始文件不在课程资料里。"
                       "数据是为教学重建的，所以不能拿它的结论去说明真实企业。",
    },
]

#: The quiz points of the chapter, in order: (title, questions).
QUIZ_POINTS = [
    ("小测验 1：什么时候值得分级", CONDITION_QUESTIONS),
    ("小测验 2：ABC 分类法", ABC_QUESTIONS),
    ("小测验 3：客户金字塔", PYRAMID_QUESTIONS),
    ("小测验 4：CLV-CS 分类法", CLV_CS_QUESTIONS),
    ("小测验 5：R、F、M 与八类客户", RFM_QUESTIONS),
    ("小测验 6：1～5 分与 125 个格子", SCORE_QUESTIONS),
    ("第 3 章综合测验", CLOSING_QUESTIONS),
]

QUESTIONS = [item for _title, items in QUIZ_POINTS for item in items]
