"""Chapter 5 self-check (真实数据上的RFM): the CDNOW data, the load report, tiers and scores at
real scale, ABC and the pyramid, migration and its yardstick, other software's R/F/M, SQL, and
what to do with the tiers. Wrong options are the misreadings students actually make.
The notebook shows the questions in groups after its sections (slices of QUESTIONS)."""

QUESTIONS = [
    # 1 the data and the load report
    {
        "question": "CDNOW 数据里的金额是什么货币？这份数据为什么不随 crmlab 一起提供？",
        "options": ["人民币元；因为文件太大，放不进安装包", "美元；可用于研究和教学，但未许可转发",
                    "美元；因为它需要付费购买", "人民币元；因为它含有客户的真实姓名"],
        "answer": 1,
        "explanation": "CDNOW 是一家美国网上唱片店，金额是美元。Fader 和 Hardie 公开这份数据供研究和教学使用，"
                       "但没有说明可以再分发，所以 crmlab 只从 lifetimes 包里的副本或你给的路径读取它。",
    },
    {
        "question": "读取报告说剔除了几十行“金额为 0”的记录。这对分级意味着什么？",
        "options": ["这些客户的 M 按 0 计入，拉低了 M 的平均值，所以应当把它们保留下来", "读取出错了，应当把整个文件重新下载",
                    "这些行不算购买；只有这类记录的客户不出现在分级里", "这些行被改成了平均金额"],
        "answer": 2,
        "explanation": "金额为 0 的一行不是一次购买，crmlab 把它剔除并在报告里写明行号和原因；"
                       "一位客户如果只有这样的记录，就没有购买可算，也就不进入 RFM 表。报告让你知道少了谁、为什么。",
    },
    # 2 tiers and scores at real scale
    {
        "question": "在 CDNOW 上，人数最多的一类是“一般挽留客户”。最合理的解释是什么？",
        "options": ["crmlab 的分级规则有错误", "平均值被少数大客户拉高，所以大多数人 M 低于平均",
                    "CDNOW 的客户都很忠诚", "这批客户大多只买过一两次，很久没有再来"],
        "answer": 3,
        "explanation": "这是 1997 年第一季度首购的一批客户，一年半里大多数人只买过一两次，之后就没再来："
                       "R 大（低）、F 小、M 小，正是一般挽留客户。这是数据的真实面貌，不是计算错误。",
    },
    {
        "question": "用 1～5 分给 F 打分时，CDNOW 上没有人得 1 分。原因是？",
        "options": ["很多客户 F 相同（只买过一次），并列的值得同一分",
                    "F 只能打 2～5 分", "得 1 分的客户在读取时被剔除了",
                    "打分时把 F 的方向弄反了，得 1 分的客户都被算成了 5 分"],
        "answer": 0,
        "explanation": "一半左右的客户 F = 1，并列的值得同一个分数，于是这些客户合在一起占了最低的几档，"
                       "1 分就空出来了。真实数据里并列很常见，五等分只是理想情况。",
    },
    # 3 ABC and pyramid
    {
        "question": "CDNOW 没有成本数据。把客户金字塔用在它上面，应当怎样理解结果？",
        "options": ["结果和按利润分层完全一样", "只能按消费金额排名，分出的是“销售额金字塔”，不能说谁最赚钱",
                    "没有成本就不能做任何分层", "把金额乘以一个固定的毛利率，得到的就是利润，分层和课本按利润分的完全一样"],
        "answer": 1,
        "explanation": "课本的金字塔按利润排名。没有成本时只能按金额排，看到的是销售额的集中程度；"
                       "固定毛利率不改变排名，也看不出哪些客户让企业亏钱。",
    },
    # 4 migration
    {
        "question": "比较两个季度的客户等级时，为什么要看“沿用上期平均值”的结果？",
        "options": ["因为本期的平均值一定算错了", "因为沿用上期的标准计算更快",
                    "平均值本身会变，一部分“升级/降级”只是标准移动造成的", "因为新客户没有上期等级"],
        "answer": 2,
        "explanation": "每期各用自己的平均值时，即使客户的行为不变，标准一动，他也可能换一类。"
                       "把上期的标准冻结下来再比，剩下的变化才是客户自己的变化。",
    },
    {
        "question": "CDNOW 两个季度的迁移表里，“新客户”一行在这份数据里指的是谁？",
        "options": ["第一次在本店购买的客户", "上期没有购买、本期又回来购买的老客户",
                    "上期和本期都买过的客户", "读取时新增的客户编号（文件里没有出现过的编号）"],
        "answer": 1,
        "explanation": "这批客户都是 1997 年第一季度首购的，之后不会有真正的新客户；"
                       "“新客户”一行只表示“上期没有购买”，在这里就是隔了一段时间又回来的老客户。",
    },
    # 5 other software's definitions
    {
        "question": "lifetimes 算出的某位客户 frequency = 0，而 crmlab 的 F = 2。最可能是怎么回事？",
        "options": ["lifetimes 漏读了他的数据", "他在同一天买了两次：lifetimes 数的是之后“重复购买的天数”",
                    "crmlab 把退款也算成了购买", "两个软件用的“今天”不同"],
        "answer": 1,
        "explanation": "lifetimes 先把同一天的购买合成一次，再数第一次之后又有购买的天数。"
                       "同一天的两笔在 crmlab 里是 F = 2，在 lifetimes 里是 frequency = 0。",
    },
    {
        "question": "lifetimes 的 recency 和 crmlab 的 R 有什么不同？",
        "options": ["两者相同，只是名字不同", "recency 是最后一次购买到今天的月数，换算成天就和 R 一样",
                    "recency 越大越好，R 越大也越好", "recency 是第一次到最后一次购买相隔的天数"],
        "answer": 3,
        "explanation": "crmlab 的 R 是最后一次购买到“今天”的天数（越小越好）；lifetimes 的 recency 是从第一次到最后一次"
                       "购买相隔多久，离今天多远要用 T − recency。同名不同义，引用别的软件的结果前先看定义。",
    },
    # 6 SQL and one's own shop
    {
        "question": "同样的三条规则写成 Excel 公式、pandas 和 SQL，结果应当怎样？",
        "options": ["完全相同：规则一样，只是换了一种语言写", "SQL 的结果更准确",
                    "Excel 的结果总会差几分钱，这是正常的", "只有 pandas 能处理并列"],
        "answer": 0,
        "explanation": "R、F、M 和“与平均值比较”的规则是一样的；crmlab 统一了金额精确到分和“等于平均值算高”，"
                       "所以 DuckDB 上的 SQL 与 pandas 逐个客户相同，课上用一行代码核对过。",
    },
    {
        "question": "在“你自己的店”里上传文件后，读取报告列出了 30 行被剔除。下一步应当怎样做？",
        "options": ["忽略它们，反正只有 30 行", "把被剔除的行从文件里删掉再上传一次，这样报告就干净了，可以放心使用",
                    "按报告给出的行号和原因检查原始文件，能修正的修正后重新上传",
                    "换一个阈值（中位数），被剔除的行就会回来"],
        "answer": 2,
        "explanation": "报告写明了每一行在 Excel 里的行号、列和原因。是录入错误就改正；确实不是购买（如合计行）就留着被剔除。"
                       "不看原因就忽略或删掉，都可能漏掉真实的购买。",
    },
    {
        "question": "对 CDNOW 这类“大多数客户只买一次”的店，分级结果最直接地提示企业做什么？",
        "options": ["把预算全部投给一般挽留客户", "取消所有会员优惠",
                    "只做广告吸引更多新客户，老客户反正会自己回来，不需要花钱额外维护他们",
                    "首购后尽快促成第二次购买，并重点维护已经复购的高价值客户"],
        "answer": 3,
        "explanation": "多数人买一次就走，说明“第二次购买”是关键；而少数重要价值客户带来了大部分销售额，"
                       "值得重点维护。把预算平均撒给不再回来的客户，或完全不管老客户，都不划算。",
    },
]

#: The notebook's quiz groups: slices of QUESTIONS shown after the sections.
SECTIONS = {"数据": slice(0, 2), "分级": slice(2, 4), "金字塔": slice(4, 5), "迁移": slice(5, 7),
            "定义": slice(7, 9), "SQL与自己的店": slice(9, 12)}
