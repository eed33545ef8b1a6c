"""Chapter 2 quizzes (客户选择): a short check after each section and a closing quiz.

Facts from seeds 002 and 004, questions in crmlab's words. Wrong options are the mistakes
students make (dividing by the maximum instead of min-max, forgetting to flip price
sensitivity, counting bad debt on the margin only, mean vs median, 识别 vs 细分 vs 选择).
The course's own multiple-choice exercises (seed 002, answers printed there) sit in the
section that teaches their topic, marked （课程选择题）, with an explanation instead of
"the course's answer is X". Two of them are left out: the one on CRM types whose options are
cut off in the seed, and the one on the service-quality gap whose "official answer" names two
options of a single-answer question (the seed itself notes the contradiction).

Each list is one quiz point in ``notebooks/02_客户选择.ipynb``; :data:`QUESTIONS` is all of
them in chapter order.
"""

#: Section 1: why choose customers, positioning, the leaky bucket.
WHY_QUESTIONS = [
    {
        "question": "课程给出的“为什么要主动选择客户”有哪几条理由？",
        "options": ["少数客户创造了大部分利润（80/20）", "企业的资源有限，不可能什么生意都做",
                    "客户越多，企业的利润一定越高", "主动选择客户是企业定位的体现"],
        "answer": [0, 1, 3],
        "explanation": "三条理由：80/20、资源有限、企业定位。客户多不等于利润高："
                       "第 3 章会看到，青禾茶业后一半的客户合起来是亏钱的。",
    },
    {
        "question": "一家企业的产品供不应求，老板说：“客户走了就走了，排队的人多的是。”这是哪种想法？",
        "options": ["客户永远是对的", "门当户对", "漏桶原理", "二八开原理"],
        "answer": 2,
        "explanation": "漏桶：桶底漏水（客户流失）也不要紧，上面总有新水（新客户）补进来。"
                       "这只在供不应求时行得通；供过于求时，企业必须留住客户、提升客户价值。",
    },
    {
        "question": "课程说企业要“定位于客户的经营活动”。下面哪一条不是它的特点？",
        "options": ["对客户的需求有更充分的了解", "满足客户需求主要是销售部门的事",
                    "产品和服务直接针对客户的需求设计", "工具和方法要对目标客户的需求积极响应"],
        "answer": 1,
        "explanation": "课程要求企业里的每一个人都为满足客户需求出力，而不只是销售部门。"
                       "其余三项都是课程列出的特点。",
    },
]

#: Section 2: what to look at (segmentation, evaluation, the four factors, finding customers).
FACTOR_QUESTIONS = [
    {
        "question": "按课程的说法，客户的“需求”由哪两样构成？",
        "options": ["购买欲望和合作意愿", "购买力和信用", "购买力和购买欲望", "购买频率和回头率"],
        "answer": 2,
        "explanation": "购买力 + 购买欲望 = 需求，缺一不可。信用和合作意愿是另外两个选择因素，"
                       "购买频率和回头率是评估客户价值、忠诚度时看的。",
    },
    {
        "question": "课程把客户评估分成哪三个方面？",
        "options": ["年龄、性别、职业", "价值、忠诚度、风险", "价格、渠道、促销", "购买力、购买欲望、信用"],
        "answer": 1,
        "explanation": "评估看价值（购买力、消费频率）、忠诚度（回头率、推荐）、风险（付款能力、信用）。"
                       "年龄、性别、职业是细分客户用的人口统计因素，不是评估。",
    },
    {
        "question": "（课程选择题）用技术手段，根据大量客户的个性特征和购买记录，事先找出对企业有意义的客户，这叫什么？",
        "options": ["客户细分", "识别客户", "客户选择", "客户管理"],
        "answer": 1,
        "explanation": "识别是从数据里把有意义的客户找出来；细分是把客户分成需求相近的几组；"
                       "选择是在找出来的客户里决定服务谁。三件事常一起出现，但问的是“事先找出来”，所以是识别客户。",
    },
    {
        "question": "（课程选择题）通过销售人员的熟人、朋友等社会关系，靠口口相传吸引客户，这种方法叫什么？",
        "options": ["广告识别法", "普遍识别法", "委托助手识别法", "介绍识别法"],
        "answer": 3,
        "explanation": "靠熟人介绍、口碑把潜在客户引来，就是介绍识别法。课程资料只给出了这一种方法的含义，"
                       "另外三个名称只出现在选项里。",
    },
]

#: Section 3: weighted scoring, by hand and with crmlab.
SCORING_QUESTIONS = [
    {
        "question": "五位候选客户的信用分是 3、5、6、8、9。按 min-max 归一化（最好的得 1，最差的得 0），信用 6 分的客户得多少？",
        "options": ["0.6", "0.667", "0.5", "0.75"],
        "answer": 2,
        "explanation": "(6 − 3) ÷ (9 − 3) = 0.5。0.667 是 6 ÷ 9（只除以最大值），0.6 是 6 ÷ 10，"
                       "都没有把最差的客户放到 0。",
    },
    {
        "question": "候选客户的价格敏感度最低 2 分、最高 9 分（越低越好）。一位 9 分的客户，归一化后这一项得几分？",
        "options": ["1", "0", "0.9", "0.78"],
        "answer": 1,
        "explanation": "先算 (9 − 2) ÷ (9 − 2) = 1，再反过来 1 − 1 = 0：最爱压价的客户在这一项上最差。"
                       "答 1 是忘了反过来。",
    },
    {
        "question": "五个指标的权重写成 0.3、0.2、0.2、0.2、0.2，交给 crmlab.weighted_scores，会怎样？",
        "options": ["不报错，自动按比例缩放到合计为 1", "忽略最后一个指标", "照常计算，得分可能超过 1",
                    "报错：权重合计 1.1，不是 1"],
        "answer": 3,
        "explanation": "crmlab 不会悄悄替你改权重，而是用中文说明权重合计不是 1。"
                       "只有在控件里选了“自动按比例缩放到 1”，才会按比例缩放，并告诉你缩放后的权重。",
    },
]

#: Section 4: the overall value (综合价值) in money.
VALUE_QUESTIONS = [
    {
        "question": "一位客户今年采购 100 万元，我方毛利率 20%，每年服务成本 8 万元，坏账率 2%。只算今年，它的综合价值是多少？",
        "options": ["10 万元", "11.6 万元", "12 万元", "20 万元"],
        "answer": 0,
        "explanation": "毛利 100 × 20% = 20，减服务成本 8，再减预计坏账 100 × 2% = 2，得 10 万元。"
                       "11.6 是把坏账只算在毛利上（20 × 2%），12 是忘了信用风险，20 是只看毛利。",
    },
    {
        "question": "crmlab 把预计坏账算成“采购额 × 坏账率”，而不是“毛利 × 坏账率”。为什么？",
        "options": ["这是课程规定的算法", "不付款时损失的是整笔货款，不只是毛利",
                    "毛利率里已经扣过坏账，按毛利算就重复了", "这样算出来的综合价值更高"],
        "answer": 1,
        "explanation": "货已经发出去，客户不付钱，货的成本和毛利一起损失了。课程只说要考虑信用风险，"
                       "没有给算法；按整笔货款算是本书的做法。这样算综合价值更低，不是更高。",
    },
    {
        "question": "课程列出的综合价值的五项里，哪一项本书没有折算成钱？",
        "options": ["客户带来的风险（信用、资金、违约）", "增量购买和交叉购买", "无形价值（规模、口碑、信息）", "服务客户的总成本"],
        "answer": 2,
        "explanation": "规模效应、口碑、信息这些无形价值，课程没有给出数字，本书也不编数字，"
                       "只在讨论里用文字考虑它。其余几项都在 overall_value 的结果里。",
    },
]

#: Section 5: mutual fit (门当户对), win-win and co-opetition.
FIT_QUESTIONS = [
    {
        "question": "综合价值里有两家客户特别高，把平均值拉高了。把“高/低”的标准从平均值换成中位数，综合价值为“高”的客户会怎样？",
        "options": ["变少", "变多", "不变：平均值和中位数总是一样", "全部变成“高”"],
        "answer": 1,
        "explanation": "少数极高的值把平均值拉到大多数客户之上，所以按平均值算“高”的客户偏少；"
                       "中位数不受极端值影响，大约一半客户在它之上，“高”的客户就变多了。",
    },
    {
        "question": "（课程选择题）客户关系管理的目的是什么？",
        "options": ["企业的利润最大化", "客户价值最大", "企业成本最小", "企业与客户双赢"],
        "answer": 3,
        "explanation": "门当户对讲的就是双赢：只顾企业利润，客户会离开；只顾客户价值，企业做不下去。"
                       "双方都能从关系里得到好处，关系才能长久。",
    },
    {
        "question": "（课程选择题）客户关系管理的本质，是企业与客户之间怎样的关系？",
        "options": ["单纯的合作关系", "企业服务、客户被服务的关系", "既合作又竞争的博弈关系", "单纯的竞争关系"],
        "answer": 2,
        "explanation": "双方在一起做大生意是合作，在价格、账期上讨价还价是竞争（比如大客户压价）。"
                       "两者同时存在，所以叫“竞合型博弈”。",
    },
]

#: Sections 6 and 7: IBM and Southwest Airlines.
CASE_QUESTIONS = [
    {
        "question": "小客户今年采购 10，每年增长 50%；大客户今年采购 100，每年增长 5%。从今年（第 0 年）算起，第几年小客户第一次超过大客户？",
        "options": ["第 5 年", "第 6 年", "第 7 年", "第 10 年"],
        "answer": 2,
        "explanation": "第 6 年：10 × 1.5⁶ ≈ 113.9 < 100 × 1.05⁶ ≈ 134.0；第 7 年：170.9 > 140.7。"
                       "复利增长比直觉快，但大客户也在增长，所以要逐年比较，也可以用 crmlab.overtake_year 验证。",
    },
    {
        "question": "IBM 在 20 世纪 80 年代放弃 PC 市场，错在哪里？",
        "options": ["只看眼前利润，忽视了小市场的成长", "PC 的技术当时还不成熟，不值得投入",
                    "主机客户不赚钱", "PC 市场的竞争对手太少"],
        "answer": 0,
        "explanation": "当时主机客户最赚钱，PC 市场很小；可 PC 市场后来增长最快。"
                       "衡量客户要用动态的眼光，看成长性和长期价值。",
    },
    {
        "question": "（课程选择题）客户将来的购买会给企业带来的利润，叫作客户的什么价值？",
        "options": ["既有价值", "影响价值", "潜在价值", "学习价值"],
        "answer": 2,
        "explanation": "已经发生的是既有价值，将来的购买带来的是潜在价值。IBM 看到了主机客户的既有价值，"
                       "却低估了 PC 客户的潜在价值；综合价值里的“增长带来的毛利”就是在估它。",
    },
    {
        "question": "西南航空公司创立初期选择了什么样的目标客户？",
        "options": ["跨洋航线上的商务乘客", "愿付高价的头等舱乘客", "对票价敏感的短途乘客", "所有航线上的所有乘客"],
        "answer": 2,
        "explanation": "它专做大航空公司看不上的短途低价市场，不设头等舱和商务舱，简化服务、统一标准来省成本。",
    },
]

#: Section 8: developing the relationship after choosing.
DEVELOPMENT_QUESTIONS = [
    {
        "question": "课程讲的发展客户关系的三种做法是哪些？",
        "options": ["个性化沟通", "用最低价格留住客户", "提供优质的客户服务", "与客户合作解决问题"],
        "answer": [0, 2, 3],
        "explanation": "个性化沟通、优质服务、合作解决问题。最低价格不在其中：它吸引的是只看价格的客户，"
                       "而且会把毛利压薄（回想第 4 节的综合价值）。",
    },
    {
        "question": "（课程选择题）企业持续和客户一起努力，帮客户解决问题、支持客户成功、共同发展，这种关系属于哪一型？",
        "options": ["被动型", "负责型", "能动型", "伙伴型"],
        "answer": 3,
        "explanation": "帮客户成功、和客户一起成长，是伙伴型关系，也就是“合作解决问题”做到底的样子。",
    },
    {
        "question": "（课程选择题）切实保证客户关系管理有效的关键是什么？",
        "options": ["管好客户的忠诚度和满意度", "管好与客户的互动", "管好客户价值", "管好企业利润"],
        "answer": 1,
        "explanation": "忠诚、价值和利润都是结果，它们来自企业和客户的每一次接触：沟通、服务、解决问题。"
                       "把这些互动管好，结果才会跟着来。",
    },
]

#: Section 9: the course's introductory questions (CRM types, where CRM comes from).
INTRO_QUESTIONS = [
    {
        "question": "（课程选择题）所谓“前台”客户关系管理，指的是哪一类？",
        "options": ["分析型", "协作型", "运营型", "合作型"],
        "answer": 2,
        "explanation": "运营型 CRM 直接处理和客户打交道的日常业务（销售、营销、服务），所以叫“前台”。"
                       "本书做的 ABC、RFM 是分析型：在后面分析数据。",
    },
    {
        "question": "（课程选择题）课程把哪一项称为客户关系管理备受关注的“催化剂”？",
        "options": ["激烈的竞争环境", "管理理论重心的转移", "因特网等通信技术的发展", "对客户利润的重视"],
        "answer": 1,
        "explanation": "课程把两件事分开：管理思想的重心从产品转向客户，是让 CRM 受到关注的催化剂；"
                       "因特网等技术是推动力量，让一对一地管理大量客户做得到。",
    },
    {
        "question": "（课程选择题）快速反应供应链阶段的特点是什么？",
        "options": ["先大批量生产，再向客户推销", "按客户的要求定制生产", "低经济批量", "缩短工序"],
        "answer": 1,
        "explanation": "快速反应阶段按客户的订单和要求来生产，而不是先生产再推销；"
                       "这正是从“以产品为中心”走向“以客户为中心”的一步。",
    },
    {
        "question": "（课程选择题）精益生产与精益供应阶段有哪些特点？",
        "options": ["员工一专多能", "客户定制生产", "减少浪费和库存", "缩短供应商的提前订货期",
                    "减少流程中的工作量"],
        "answer": [0, 2, 4],
        "explanation": "精益阶段的重点在企业内部：减少浪费和库存、减少流程的工作量、员工一专多能。"
                       "客户定制生产属于后来的快速反应阶段。",
    },
]

#: The closing quiz: the chapter as a whole.
CLOSING_QUESTIONS = [
    {
        "question": "两个指标的权重是 0.6 和 0.4。某客户归一化后的分数分别是 0.5 和 1。它的加权得分是多少？",
        "options": ["0.75", "0.7", "1.5", "0.6"],
        "answer": 1,
        "explanation": "0.6 × 0.5 + 0.4 × 1 = 0.3 + 0.4 = 0.7。0.75 是两项直接平均，没有用权重；1.5 是直接相加。",
    },
    {
        "question": "一家客户很有价值，但我方目前的技术和人手满足不了它。比较稳妥的做法是？",
        "options": ["先接下来，做不好的地方以后再慢慢改", "直接拒绝，以后也不合作", "降价来留住它", "先补足能力或找伙伴合作，再承接"],
        "answer": 3,
        "explanation": "门当户对的第 2 步就是看自己够不够格。勉强承接、做不好，会让客户失望、砸了口碑；"
                       "能力补上之后，它仍然是值得争取的客户。",
    },
    {
        "question": "下面哪些做法是在“用动态的眼光看客户”？",
        "options": ["看客户的增长率和潜力", "只按今年的采购额排序", "培养有潜力的小客户",
                    "算综合价值时把未来几年的增长算进去"],
        "answer": [0, 2, 3],
        "explanation": "只按今年的采购额排序是静态的，IBM 就是这样错过了 PC 客户。"
                       "看增长、培养小客户、把未来几年算进综合价值，都是在看客户的明天。",
    },
    {
        "question": "一家小公司很想买我们的设备，但账上没钱、也借不到钱。按课程的说法，它是？",
        "options": ["有需求的客户：只要想买就算有需求", "有欲望、缺购买力，还构不成需求", "有购买力、缺少欲望的客户", "信用好的客户"],
        "answer": 1,
        "explanation": "需求 = 购买力 + 购买欲望，缺一不可。只有欲望没有购买力，不是值得服务的需求。",
    },
]

#: The quiz points of the chapter, in order: (title, questions).
QUIZ_POINTS = [
    ("小测验 1：为什么要选择客户", WHY_QUESTIONS),
    ("小测验 2：选择客户时看什么", FACTOR_QUESTIONS),
    ("小测验 3：加权评分", SCORING_QUESTIONS),
    ("小测验 4：综合价值", VALUE_QUESTIONS),
    ("小测验 5：门当户对", FIT_QUESTIONS),
    ("小测验 6：IBM 与西南航空", CASE_QUESTIONS),
    ("小测验 7：发展客户关系", DEVELOPMENT_QUESTIONS),
    ("小测验 8：课程导论题", INTRO_QUESTIONS),
    ("第 2 章综合测验", CLOSING_QUESTIONS),
]

QUESTIONS = [item for _title, items in QUIZ_POINTS for item in items]
