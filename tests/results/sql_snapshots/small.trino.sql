-- responses: answers to nps
SELECT
  "t1"."month",
  "t1"."season",
  "t1"."journey",
  "t1"."step",
  "t1"."stage",
  "t1"."channel",
  "t1"."segment",
  "t1"."persona",
  "t1"."value",
  "t1"."unreadable",
  "t1"."timestamp",
  COUNT(*) AS "n"
FROM (
  SELECT
    "t0"."csat",
    "t0"."feeling",
    "t0"."nps",
    "t0"."response_id",
    "t0"."segment",
    "t0"."step",
    "t0"."submitted_at",
    (
      EXTRACT(year FROM TRY_CAST("t0"."submitted_at" AS TIMESTAMP)) * 100
    ) + EXTRACT(month FROM TRY_CAST("t0"."submitted_at" AS TIMESTAMP)) AS "month",
    CAST(NULL AS VARCHAR) AS "season",
    CAST(NULL AS VARCHAR) AS "journey",
    CAST(NULL AS VARCHAR) AS "stage",
    CAST(NULL AS VARCHAR) AS "channel",
    CAST(NULL AS VARCHAR) AS "persona",
    TRY_CAST(TRANSLATE("t0"."nps", '٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹٫', '01234567890123456789.') AS DOUBLE) AS "value",
    (
      "t0"."nps" IS NOT NULL
    )
    AND (
      TRY_CAST(TRANSLATE("t0"."nps", '٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹٫', '01234567890123456789.') AS DOUBLE) IS NULL
    ) AS "unreadable",
    CASE
      WHEN "t0"."submitted_at" IS NULL
      THEN 'missing'
      WHEN (
        TRY_CAST("t0"."submitted_at" AS TIMESTAMP) IS NULL
      )
      OR (
        TRY_CAST("t0"."submitted_at" AS TIMESTAMP) < CAST(FROM_ISO8601_TIMESTAMP('1900-01-01T00:00:00') AS TIMESTAMP)
      )
      THEN 'bad'
      WHEN TRY_CAST("t0"."submitted_at" AS TIMESTAMP) > CAST(FROM_ISO8601_TIMESTAMP('2026-11-30T00:00:00') AS TIMESTAMP)
      THEN 'future'
      ELSE 'ok'
    END AS "timestamp"
  FROM "responses" AS "t0"
) AS "t1"
GROUP BY
  1,
  2,
  3,
  4,
  5,
  6,
  7,
  8,
  9,
  10,
  11;

-- responses: answers to csat
SELECT
  "t1"."month",
  "t1"."season",
  "t1"."journey",
  "t1"."step",
  "t1"."stage",
  "t1"."channel",
  "t1"."segment",
  "t1"."persona",
  "t1"."value",
  "t1"."unreadable",
  "t1"."timestamp",
  COUNT(*) AS "n"
FROM (
  SELECT
    "t0"."csat",
    "t0"."feeling",
    "t0"."nps",
    "t0"."response_id",
    "t0"."segment",
    "t0"."step",
    "t0"."submitted_at",
    (
      EXTRACT(year FROM TRY_CAST("t0"."submitted_at" AS TIMESTAMP)) * 100
    ) + EXTRACT(month FROM TRY_CAST("t0"."submitted_at" AS TIMESTAMP)) AS "month",
    CAST(NULL AS VARCHAR) AS "season",
    CAST(NULL AS VARCHAR) AS "journey",
    CAST(NULL AS VARCHAR) AS "stage",
    CAST(NULL AS VARCHAR) AS "channel",
    CAST(NULL AS VARCHAR) AS "persona",
    TRY_CAST(TRANSLATE("t0"."csat", '٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹٫', '01234567890123456789.') AS DOUBLE) AS "value",
    (
      "t0"."csat" IS NOT NULL
    )
    AND (
      TRY_CAST(TRANSLATE("t0"."csat", '٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹٫', '01234567890123456789.') AS DOUBLE) IS NULL
    ) AS "unreadable",
    CASE
      WHEN "t0"."submitted_at" IS NULL
      THEN 'missing'
      WHEN (
        TRY_CAST("t0"."submitted_at" AS TIMESTAMP) IS NULL
      )
      OR (
        TRY_CAST("t0"."submitted_at" AS TIMESTAMP) < CAST(FROM_ISO8601_TIMESTAMP('1900-01-01T00:00:00') AS TIMESTAMP)
      )
      THEN 'bad'
      WHEN TRY_CAST("t0"."submitted_at" AS TIMESTAMP) > CAST(FROM_ISO8601_TIMESTAMP('2026-11-30T00:00:00') AS TIMESTAMP)
      THEN 'future'
      ELSE 'ok'
    END AS "timestamp"
  FROM "responses" AS "t0"
) AS "t1"
GROUP BY
  1,
  2,
  3,
  4,
  5,
  6,
  7,
  8,
  9,
  10,
  11;

-- responses: answers to feeling
SELECT
  "t1"."month",
  "t1"."season",
  "t1"."journey",
  "t1"."step",
  "t1"."stage",
  "t1"."channel",
  "t1"."segment",
  "t1"."persona",
  "t1"."value",
  "t1"."unreadable",
  "t1"."timestamp",
  COUNT(*) AS "n"
FROM (
  SELECT
    "t0"."csat",
    "t0"."feeling",
    "t0"."nps",
    "t0"."response_id",
    "t0"."segment",
    "t0"."step",
    "t0"."submitted_at",
    (
      EXTRACT(year FROM TRY_CAST("t0"."submitted_at" AS TIMESTAMP)) * 100
    ) + EXTRACT(month FROM TRY_CAST("t0"."submitted_at" AS TIMESTAMP)) AS "month",
    CAST(NULL AS VARCHAR) AS "season",
    CAST(NULL AS VARCHAR) AS "journey",
    CAST(NULL AS VARCHAR) AS "stage",
    CAST(NULL AS VARCHAR) AS "channel",
    CAST(NULL AS VARCHAR) AS "persona",
    TRY_CAST(TRANSLATE("t0"."feeling", '٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹٫', '01234567890123456789.') AS DOUBLE) AS "value",
    (
      "t0"."feeling" IS NOT NULL
    )
    AND (
      TRY_CAST(TRANSLATE("t0"."feeling", '٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹٫', '01234567890123456789.') AS DOUBLE) IS NULL
    ) AS "unreadable",
    CASE
      WHEN "t0"."submitted_at" IS NULL
      THEN 'missing'
      WHEN (
        TRY_CAST("t0"."submitted_at" AS TIMESTAMP) IS NULL
      )
      OR (
        TRY_CAST("t0"."submitted_at" AS TIMESTAMP) < CAST(FROM_ISO8601_TIMESTAMP('1900-01-01T00:00:00') AS TIMESTAMP)
      )
      THEN 'bad'
      WHEN TRY_CAST("t0"."submitted_at" AS TIMESTAMP) > CAST(FROM_ISO8601_TIMESTAMP('2026-11-30T00:00:00') AS TIMESTAMP)
      THEN 'future'
      ELSE 'ok'
    END AS "timestamp"
  FROM "responses" AS "t0"
) AS "t1"
GROUP BY
  1,
  2,
  3,
  4,
  5,
  6,
  7,
  8,
  9,
  10,
  11;

-- events: cases
SELECT
  "t3"."month",
  "t3"."season",
  "t3"."journey",
  "t3"."step",
  "t3"."stage",
  "t3"."channel",
  "t3"."segment",
  "t3"."persona",
  "t3"."reached_0",
  "t3"."reached_1",
  "t3"."reached_2",
  "t3"."started",
  "t3"."completed",
  "t3"."minutes",
  COUNT(*) AS "n",
  SUM("t3"."unreadable") AS "unreadable",
  SUM("t3"."future") AS "future"
FROM (
  SELECT
    "t2"."case",
    "t2"."start",
    "t2"."seen",
    "t2"."end",
    "t2"."journey",
    "t2"."step",
    "t2"."stage",
    "t2"."channel",
    "t2"."segment",
    "t2"."persona",
    "t2"."future",
    "t2"."unreadable",
    "t2"."reached_0",
    "t2"."reached_1",
    "t2"."reached_2",
    (
      EXTRACT(year FROM "t2"."seen") * 100
    ) + EXTRACT(month FROM "t2"."seen") AS "month",
    CAST(NULL AS VARCHAR) AS "season",
    "t2"."start" IS NOT NULL AS "started",
    "t2"."end" IS NOT NULL AS "completed",
    CAST(FLOOR((
      TO_UNIXTIME("t2"."end") - TO_UNIXTIME("t2"."start")
    ) / CAST(60.0 AS DOUBLE)) AS BIGINT) * CAST(1.0 AS DOUBLE) AS "minutes"
  FROM (
    SELECT
      "t1"."case",
      MIN("t1"."at") AS "start",
      MIN("t1"."at") AS "seen",
      MIN("t1"."at") FILTER(WHERE
        "t1"."name" = 'paid') AS "end",
      CAST(NULL AS VARCHAR) AS "journey",
      CAST(NULL AS VARCHAR) AS "step",
      CAST(NULL AS VARCHAR) AS "stage",
      CAST(NULL AS VARCHAR) AS "channel",
      CAST(NULL AS VARCHAR) AS "segment",
      CAST(NULL AS VARCHAR) AS "persona",
      SUM("t1"."late") AS "future",
      SUM(
        CAST((
          TRY_CAST("t1"."submitted_at" AS TIMESTAMP) IS NULL
        )
        AND (
          "t1"."submitted_at" IS NOT NULL
        ) AS INTEGER)
      ) AS "unreadable",
      BOOL_OR("t1"."name" IN ('opened') AND (
        "t1"."at" IS NOT NULL
      )) AS "reached_0",
      BOOL_OR("t1"."name" IN ('uploaded') AND (
        "t1"."at" IS NOT NULL
      )) AS "reached_1",
      BOOL_OR("t1"."name" IN ('paid') AND (
        "t1"."at" IS NOT NULL
      )) AS "reached_2"
    FROM (
      SELECT
        "t0"."case",
        "t0"."event",
        "t0"."submitted_at",
        IF(
          TRY_CAST("t0"."submitted_at" AS TIMESTAMP) BETWEEN CAST(FROM_ISO8601_TIMESTAMP('1900-01-01T00:00:00') AS TIMESTAMP) AND CAST(FROM_ISO8601_TIMESTAMP('2026-11-30T00:00:00') AS TIMESTAMP),
          TRY_CAST("t0"."submitted_at" AS TIMESTAMP),
          CAST(NULL AS TIMESTAMP)
        ) AS "at",
        "t0"."event" AS "name",
        CAST(TRY_CAST("t0"."submitted_at" AS TIMESTAMP) > CAST(FROM_ISO8601_TIMESTAMP('2026-11-30T00:00:00') AS TIMESTAMP) AS BIGINT) AS "late"
      FROM "events" AS "t0"
    ) AS "t1"
    GROUP BY
      1
  ) AS "t2"
) AS "t3"
GROUP BY
  1,
  2,
  3,
  4,
  5,
  6,
  7,
  8,
  9,
  10,
  11,
  12,
  13,
  14;
