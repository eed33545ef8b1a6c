-- The course's RFM and its eight tiers, in SQL that DuckDB and Spark SQL both run unchanged.
--
-- Placeholders (filled by crmlab.rfm_sql.rfm_sql_text, never by string input from a file):
--   {source}     a table or view with columns customer, date, amount (+ order_id)
--   {today}      "today" as YYYY-MM-DD: R is counted in days up to this date
--   {frequency}  COUNT(*), or the distinct order ids when the source has order_id
--   {r_high} {f_high} {m_high}
--                the 高 conditions: against the mean (the course's convention), compared
--                exactly in whole numbers (x >= mean  <=>  x * n >= total), or against
--                thresholds given by hand
--   {rules}      the tier table (crmlab.RFM_RULES) as SELECT ... UNION ALL SELECT ...
--
-- The same three rules as the pandas path (crmlab.rfm_table + crmlab.rfm_segments) and the
-- Excel formulas: R = days from the last purchase to today; F = purchases; M = the total,
-- summed exactly in millionths of a yuan and rounded to whole fen, halves away from zero.
-- R is written as CAST(DATE - DATE AS INT): DuckDB refuses Spark's datediff and Spark refuses
-- DuckDB's date_diff('day', ...), both accept this.
WITH per_customer AS (
    SELECT customer,
           CAST(DATE '{today}' - MAX(CAST(date AS DATE)) AS INT) AS R,
           {frequency} AS F,
           SUM(CAST(ROUND(amount * 1000000) AS BIGINT)) AS micros
    FROM {source}
    GROUP BY customer
),
rfm AS (
    SELECT customer, R, F,
           CAST(CASE WHEN micros >= 0 THEN FLOOR((micros + 5000) / 10000.0)
                     ELSE -FLOOR((5000 - micros) / 10000.0) END AS BIGINT) AS m_cents
    FROM per_customer
),
totals AS (
    SELECT COUNT(*) AS n,
           CAST(SUM(R) AS DECIMAL(38, 0)) AS r_total,
           CAST(SUM(F) AS DECIMAL(38, 0)) AS f_total,
           CAST(SUM(m_cents) AS DECIMAL(38, 0)) AS m_total
    FROM rfm
),
levels AS (
    SELECT rfm.customer, rfm.R, rfm.F, rfm.m_cents,
           CASE WHEN {r_high} THEN '高' ELSE '低' END AS R_level,
           CASE WHEN {f_high} THEN '高' ELSE '低' END AS F_level,
           CASE WHEN {m_high} THEN '高' ELSE '低' END AS M_level
    FROM rfm CROSS JOIN totals
),
rules AS (
{rules}
)
SELECT levels.customer, levels.R, levels.F, levels.m_cents,
       levels.R_level, levels.F_level, levels.M_level, rules.segment, rules.strategy
FROM levels
JOIN rules
  ON levels.R_level = rules.R_level AND levels.F_level = rules.F_level
 AND levels.M_level = rules.M_level
ORDER BY levels.customer
