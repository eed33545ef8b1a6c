"""Chapter 0 quizzes (Python 与数据分析入门), one short check after each section of the lesson
plus a closing quiz. Wrong options are the mistakes beginners really make: running cells out of
order, reading only the first sheet, taking ``shape`` for a count of cells, expecting
``sort_values`` to change the table in place, ``=`` for ``==``, ``>`` for ``≥``, ``count`` for
``sum``, a merge that repeats rows, a chart without its axes, a file saved where nobody finds it.

``QUESTIONS`` is every question in lesson order (the format every bank shares); the section lists
are the same questions, for ``Quiz.from_dicts(...)`` right after their section.
"""

JUPYTER = [
    {
        "question": "在 Jupyter 里，怎样运行当前这一格代码？",
        "options": ["按 Enter", "双击这一格", "Ctrl+S 保存后再打开", "Shift+Enter"],
        "answer": 3,
        "explanation": "Shift + Enter 运行这一格并跳到下一格；单按 Enter 只是在格子里换行。",
    },
    {
        "question": "你打开笔记本，直接运行第 5 格，出现 NameError：name '交易' is not defined。最可能的原因是？",
        "options": ["Python 坏了，要重新安装", "上面的格子还没运行", "数据文件被删了",
                    "中文变量名不能用"],
        "answer": 1,
        "explanation": "每次打开笔记本，变量都要重新算：先从上往下运行前面的格子（或用“Run All”）。中文变量名完全可以用。",
    },
]

READING = [
    {
        "question": "一个 Excel 文件有“交易”和“客户”两张工作表。`pd.read_excel(路径)` 不写 sheet_name，读到的是？",
        "options": ["会报错，要求选一张", "两张表合在一起", "最后一张工作表", "第一张工作表"],
        "answer": 3,
        "explanation": "默认读第一张工作表。要读“客户”表，写 sheet_name=\"客户\"。",
    },
    {
        "question": "读进来的表格在 pandas 里叫什么？",
        "options": ["列表（list）", "字典（dict）", "DataFrame", "Excel 工作簿对象"],
        "answer": 2,
        "explanation": "pandas 把一张表读成 DataFrame：有行、有列名，每一列是一个 Series。",
    },
]

LOOKING = [
    {
        "question": "某张表的 `表.shape` 是 (16, 5)。这说明？",
        "options": ["16 行、5 列", "5 行、16 列", "一共 16 个格子", "前 5 行有 16 个空格"],
        "answer": 0,
        "explanation": "shape 先说行数、再说列数：16 行（不算表头）、5 列。一共 16 × 5 = 80 个格子。",
    },
    {
        "question": "`表.head()` 显示什么？",
        "options": ["整张表", "只有表头", "前 5 行", "最后 5 行"],
        "answer": 2,
        "explanation": "head() 默认显示前 5 行，head(10) 显示前 10 行；最后几行用 tail()。",
    },
    {
        "question": "`表.dtypes` 显示“日期”列是 object 或 str（文字），会有什么麻烦？",
        "options": ["没有麻烦", "不能拿它做日期相减", "表格保存时会丢数据", "列名会变成英文"],
        "answer": 1,
        "explanation": "文字不能做日期的加减，先用 pd.to_datetime 转成日期类型。",
    },
]

SORT_FILTER = [
    {
        "question": "运行 `交易.sort_values(\"金额\")` 之后，再看 `交易`，它的顺序是？",
        "options": ["按金额从小到大", "按金额从大到小排列", "还是原来的顺序", "按客户名称"],
        "answer": 2,
        "explanation": "sort_values 返回一张排好序的新表，原来的表不变；要留下结果，把它存进一个变量：排序后 = 交易.sort_values(...)。",
    },
    {
        "question": "要筛选出金额至少 30 元的订单（30 元本身也要），条件应当写成？",
        "options": ["交易[\"金额\"] > 30", "交易[\"金额\"] >= 30", "交易[\"金额\"] >= \"30\"", "交易[\"金额\"] ≥ 30"],
        "answer": 1,
        "explanation": "“至少 30”包括 30：用 >=。只写 > 会漏掉正好 30 元的订单；\"30\" 加了引号是文字，不能和数字比大小；≥ 是数学符号，Python 不认识。",
    },
    {
        "question": "要同时满足“品类是咖啡”和“金额至少 30 元”，两个条件之间用什么连接？",
        "options": ["and", "AND（像 Excel 公式那样）", "逗号", "&（每个条件加括号）"],
        "answer": 3,
        "explanation": "pandas 里对整列的条件用 & 连接，每个条件加括号：(表[\"品类\"] == \"咖啡\") & (表[\"金额\"] >= 30)。"
                       "Python 的 and 用在整列上会报错。",
    },
]

GROUPING = [
    {
        "question": "想知道每位客户一共花了多少钱，应当写？",
        "options": ["交易.groupby(\"客户\")[\"金额\"].count()", "交易.groupby(\"客户\")[\"金额\"].mean()",
                    "交易.groupby(\"客户\")[\"金额\"].sum()", "交易[\"金额\"].sum()"],
        "answer": 2,
        "explanation": "按客户分组后对金额求和 sum。count 数的是笔数，mean 是每笔平均；不分组的 sum 是全店的总额。",
    },
    {
        "question": "小林来了 5 次，每次 28 元。`groupby(\"客户\")[\"金额\"].count()` 里小林那一项是？",
        "options": ["28", "5", "140", "1"],
        "answer": 1,
        "explanation": "count 数有几笔（5 笔）；sum 才是 5 × 28 = 140 元。",
    },
]

MERGING = [
    {
        "question": "“每位客户的消费额”（每位客户一行）和“客户”表（会员等级）按“客户”列 merge，合并后每位客户有几行？",
        "options": ["一行", "每笔交易一行", "两行", "看会员等级而定"],
        "answer": 0,
        "explanation": "两边都是每位客户一行，按客户对齐后还是一行。如果拿交易表去合并，每笔交易都会带上会员等级，行数就是交易笔数。",
    },
    {
        "question": "`消费额.merge(客户表, on=\"客户\", how=\"left\")` 里，how=\"left\" 的意思是？",
        "options": ["左边表的每一行都保留", "只保留两边都有的那些客户", "把左边的列放到右边", "按字母顺序排列"],
        "answer": 0,
        "explanation": "left：左边（消费额）的每一行都留下，右边找不到的填空值。只保留两边都有的是 how=\"inner\"。",
    },
]

PLOT_SAVE = [
    {
        "question": "`ax = 每位客户.plot.bar()` 之后，怎样给图加标题？",
        "options": ["ax.set_title(\"标题\")", "每位客户.title = \"标题\"", "print(\"标题\")", "plt.show(title=\"标题\")"],
        "answer": 0,
        "explanation": "画图返回坐标轴 ax，标题、坐标轴名称都通过它设置：ax.set_title、ax.set_xlabel、ax.set_ylabel。",
    },
    {
        "question": "`表.to_excel(\"结果.xlsx\", index=False)` 把文件存到哪里？",
        "options": ["桌面", "Python 的安装文件夹", "和这个笔记本同一个文件夹", "系统的临时文件夹"],
        "answer": 2,
        "explanation": "只写文件名时，文件存在“当前文件夹”，也就是笔记本所在的文件夹；在 JupyterLab 左边的文件列表里就能看到。",
    },
]

CLOSING = [
    {
        "question": "街角咖啡想找出“消费额最高的 3 位客户”。下面哪个顺序是对的？",
        "options": ["先把每笔交易按金额从大到小排序，再取前 3 行", "先按客户求和，再从大到小排序，再取前 3 行",
                    "先取前 3 行，再按客户求和", "先筛选金额 ≥ 30，再取前 3 行"],
        "answer": 1,
        "explanation": "先 groupby 求出每位客户的总额，再 sort_values(ascending=False)，最后 head(3)。对交易排序只能找到最大的单笔订单。",
    },
    {
        "question": "三笔订单金额是 30、45、30 元。`(金额 > 30).sum()` 和 `(金额 >= 30).sum()` 各是多少？",
        "options": ["1 和 3", "3 和 3", "1 和 1", "2 和 3"],
        "answer": 0,
        "explanation": "True 当作 1 相加，就是满足条件的笔数：大于 30 的只有 45 元一笔；大于或等于 30 的三笔都算。",
    },
    {
        "question": "某客户三笔消费 20、30、40 元。他的消费总额和每笔平均各是多少？",
        "options": ["90 和 3", "30 和 90", "3 和 30", "90 和 30"],
        "answer": 3,
        "explanation": "sum = 20 + 30 + 40 = 90 元；mean = 90 ÷ 3 = 30 元；3 是 count（笔数）。",
    },
    {
        "question": "下面哪些操作会得到“每位客户一行”的表？",
        "options": ["交易.groupby(\"客户\")[\"金额\"].sum()", "交易.sort_values(\"客户\")",
                    "交易[交易[\"金额\"] >= 30]", "交易.groupby(\"客户\").agg(总额=(\"金额\", \"sum\"))"],
        "answer": [0, 3],
        "explanation": "分组汇总把每位客户的多笔交易合成一行；排序和筛选只改变行的顺序或数量，还是每笔交易一行。",
    },
]

QUESTIONS = (JUPYTER + READING + LOOKING + SORT_FILTER + GROUPING + MERGING + PLOT_SAVE
             + CLOSING)
