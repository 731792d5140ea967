-- responses: answers to nps
SELECT
  `t1`.`month`,
  `t1`.`season`,
  `t1`.`journey`,
  `t1`.`step`,
  `t1`.`stage`,
  `t1`.`channel`,
  `t1`.`segment`,
  `t1`.`persona`,
  `t1`.`value`,
  `t1`.`unreadable`,
  `t1`.`timestamp`,
  COUNT(*) AS `n`
FROM (
  SELECT
    `t0`.`csat`,
    `t0`.`feeling`,
    `t0`.`nps`,
    `t0`.`response_id`,
    `t0`.`segment`,
    `t0`.`step`,
    `t0`.`submitted_at`,
    (
      EXTRACT(YEAR FROM TRY_CAST(`t0`.`submitted_at` AS TIMESTAMP)) * 100
    ) + EXTRACT(MONTH FROM TRY_CAST(`t0`.`submitted_at` AS TIMESTAMP)) AS `month`,
    CAST(NULL AS STRING) AS `season`,
    CAST(NULL AS STRING) AS `journey`,
    CAST(NULL AS STRING) AS `stage`,
    CAST(NULL AS STRING) AS `channel`,
    CAST(NULL AS STRING) AS `persona`,
    TRY_CAST(TRANSLATE(`t0`.`nps`, '٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹٫', '01234567890123456789.') AS DOUBLE) AS `value`,
    (
      NOT `t0`.`nps` IS NULL
    )
    AND (
      TRY_CAST(TRANSLATE(`t0`.`nps`, '٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹٫', '01234567890123456789.') AS DOUBLE) IS NULL
    ) AS `unreadable`,
    CASE
      WHEN `t0`.`submitted_at` IS NULL
      THEN 'missing'
      WHEN (
        TRY_CAST(`t0`.`submitted_at` AS TIMESTAMP) IS NULL
      )
      OR (
        TRY_CAST(`t0`.`submitted_at` AS TIMESTAMP) < CAST(CAST('1900-01-01T00:00:00' AS TIMESTAMP) AS TIMESTAMP)
      )
      THEN 'bad'
      WHEN TRY_CAST(`t0`.`submitted_at` AS TIMESTAMP) > CAST(CAST('2026-11-30T00:00:00' AS TIMESTAMP) AS TIMESTAMP)
      THEN 'future'
      ELSE 'ok'
    END AS `timestamp`
  FROM `responses` AS `t0`
) AS `t1`
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
  `t1`.`month`,
  `t1`.`season`,
  `t1`.`journey`,
  `t1`.`step`,
  `t1`.`stage`,
  `t1`.`channel`,
  `t1`.`segment`,
  `t1`.`persona`,
  `t1`.`value`,
  `t1`.`unreadable`,
  `t1`.`timestamp`,
  COUNT(*) AS `n`
FROM (
  SELECT
    `t0`.`csat`,
    `t0`.`feeling`,
    `t0`.`nps`,
    `t0`.`response_id`,
    `t0`.`segment`,
    `t0`.`step`,
    `t0`.`submitted_at`,
    (
      EXTRACT(YEAR FROM TRY_CAST(`t0`.`submitted_at` AS TIMESTAMP)) * 100
    ) + EXTRACT(MONTH FROM TRY_CAST(`t0`.`submitted_at` AS TIMESTAMP)) AS `month`,
    CAST(NULL AS STRING) AS `season`,
    CAST(NULL AS STRING) AS `journey`,
    CAST(NULL AS STRING) AS `stage`,
    CAST(NULL AS STRING) AS `channel`,
    CAST(NULL AS STRING) AS `persona`,
    TRY_CAST(TRANSLATE(`t0`.`csat`, '٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹٫', '01234567890123456789.') AS DOUBLE) AS `value`,
    (
      NOT `t0`.`csat` IS NULL
    )
    AND (
      TRY_CAST(TRANSLATE(`t0`.`csat`, '٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹٫', '01234567890123456789.') AS DOUBLE) IS NULL
    ) AS `unreadable`,
    CASE
      WHEN `t0`.`submitted_at` IS NULL
      THEN 'missing'
      WHEN (
        TRY_CAST(`t0`.`submitted_at` AS TIMESTAMP) IS NULL
      )
      OR (
        TRY_CAST(`t0`.`submitted_at` AS TIMESTAMP) < CAST(CAST('1900-01-01T00:00:00' AS TIMESTAMP) AS TIMESTAMP)
      )
      THEN 'bad'
      WHEN TRY_CAST(`t0`.`submitted_at` AS TIMESTAMP) > CAST(CAST('2026-11-30T00:00:00' AS TIMESTAMP) AS TIMESTAMP)
      THEN 'future'
      ELSE 'ok'
    END AS `timestamp`
  FROM `responses` AS `t0`
) AS `t1`
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
  `t1`.`month`,
  `t1`.`season`,
  `t1`.`journey`,
  `t1`.`step`,
  `t1`.`stage`,
  `t1`.`channel`,
  `t1`.`segment`,
  `t1`.`persona`,
  `t1`.`value`,
  `t1`.`unreadable`,
  `t1`.`timestamp`,
  COUNT(*) AS `n`
FROM (
  SELECT
    `t0`.`csat`,
    `t0`.`feeling`,
    `t0`.`nps`,
    `t0`.`response_id`,
    `t0`.`segment`,
    `t0`.`step`,
    `t0`.`submitted_at`,
    (
      EXTRACT(YEAR FROM TRY_CAST(`t0`.`submitted_at` AS TIMESTAMP)) * 100
    ) + EXTRACT(MONTH FROM TRY_CAST(`t0`.`submitted_at` AS TIMESTAMP)) AS `month`,
    CAST(NULL AS STRING) AS `season`,
    CAST(NULL AS STRING) AS `journey`,
    CAST(NULL AS STRING) AS `stage`,
    CAST(NULL AS STRING) AS `channel`,
    CAST(NULL AS STRING) AS `persona`,
    TRY_CAST(TRANSLATE(`t0`.`feeling`, '٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹٫', '01234567890123456789.') AS DOUBLE) AS `value`,
    (
      NOT `t0`.`feeling` IS NULL
    )
    AND (
      TRY_CAST(TRANSLATE(`t0`.`feeling`, '٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹٫', '01234567890123456789.') AS DOUBLE) IS NULL
    ) AS `unreadable`,
    CASE
      WHEN `t0`.`submitted_at` IS NULL
      THEN 'missing'
      WHEN (
        TRY_CAST(`t0`.`submitted_at` AS TIMESTAMP) IS NULL
      )
      OR (
        TRY_CAST(`t0`.`submitted_at` AS TIMESTAMP) < CAST(CAST('1900-01-01T00:00:00' AS TIMESTAMP) AS TIMESTAMP)
      )
      THEN 'bad'
      WHEN TRY_CAST(`t0`.`submitted_at` AS TIMESTAMP) > CAST(CAST('2026-11-30T00:00:00' AS TIMESTAMP) AS TIMESTAMP)
      THEN 'future'
      ELSE 'ok'
    END AS `timestamp`
  FROM `responses` AS `t0`
) AS `t1`
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
  `t3`.`month`,
  `t3`.`season`,
  `t3`.`journey`,
  `t3`.`step`,
  `t3`.`stage`,
  `t3`.`channel`,
  `t3`.`segment`,
  `t3`.`persona`,
  `t3`.`reached_0`,
  `t3`.`reached_1`,
  `t3`.`reached_2`,
  `t3`.`started`,
  `t3`.`completed`,
  `t3`.`minutes`,
  COUNT(*) AS `n`,
  SUM(`t3`.`unreadable`) AS `unreadable`,
  SUM(`t3`.`future`) AS `future`
FROM (
  SELECT
    `t2`.`case`,
    `t2`.`start`,
    `t2`.`seen`,
    `t2`.`end`,
    `t2`.`journey`,
    `t2`.`step`,
    `t2`.`stage`,
    `t2`.`channel`,
    `t2`.`segment`,
    `t2`.`persona`,
    `t2`.`future`,
    `t2`.`unreadable`,
    `t2`.`reached_0`,
    `t2`.`reached_1`,
    `t2`.`reached_2`,
    (
      EXTRACT(YEAR FROM `t2`.`seen`) * 100
    ) + EXTRACT(MONTH FROM `t2`.`seen`) AS `month`,
    CAST(NULL AS STRING) AS `season`,
    NOT `t2`.`start` IS NULL AS `started`,
    NOT `t2`.`end` IS NULL AS `completed`,
    CAST(FLOOR(
      (
        UNIX_TIMESTAMP(`t2`.`end`) - UNIX_TIMESTAMP(`t2`.`start`)
      ) / CAST(60.0 AS DOUBLE)
    ) AS BIGINT) * CAST(1.0 AS DOUBLE) AS `minutes`
  FROM (
    SELECT
      `t1`.`case`,
      MIN(`t1`.`at`) AS `start`,
      MIN(`t1`.`at`) AS `seen`,
      MIN(`t1`.`at`) FILTER(WHERE
        `t1`.`name` = 'paid') AS `end`,
      CAST(NULL AS STRING) AS `journey`,
      CAST(NULL AS STRING) AS `step`,
      CAST(NULL AS STRING) AS `stage`,
      CAST(NULL AS STRING) AS `channel`,
      CAST(NULL AS STRING) AS `segment`,
      CAST(NULL AS STRING) AS `persona`,
      SUM(`t1`.`late`) AS `future`,
      SUM(
        CAST((
          TRY_CAST(`t1`.`submitted_at` AS TIMESTAMP) IS NULL
        )
        AND (
          NOT `t1`.`submitted_at` IS NULL
        ) AS INT)
      ) AS `unreadable`,
      BOOL_OR(`t1`.`name` IN ('opened') AND (
        NOT `t1`.`at` IS NULL
      )) AS `reached_0`,
      BOOL_OR(`t1`.`name` IN ('uploaded') AND (
        NOT `t1`.`at` IS NULL
      )) AS `reached_1`,
      BOOL_OR(`t1`.`name` IN ('paid') AND (
        NOT `t1`.`at` IS NULL
      )) AS `reached_2`
    FROM (
      SELECT
        `t0`.`case`,
        `t0`.`event`,
        `t0`.`submitted_at`,
        IF(
          TRY_CAST(`t0`.`submitted_at` AS TIMESTAMP) BETWEEN CAST(CAST('1900-01-01T00:00:00' AS TIMESTAMP) AS TIMESTAMP) AND CAST(CAST('2026-11-30T00:00:00' AS TIMESTAMP) AS TIMESTAMP),
          TRY_CAST(`t0`.`submitted_at` AS TIMESTAMP),
          CAST(NULL AS TIMESTAMP)
        ) AS `at`,
        `t0`.`event` AS `name`,
        CAST(TRY_CAST(`t0`.`submitted_at` AS TIMESTAMP) > CAST(CAST('2026-11-30T00:00:00' AS TIMESTAMP) AS TIMESTAMP) AS BIGINT) AS `late`
      FROM `events` AS `t0`
    ) AS `t1`
    GROUP BY
      1
  ) AS `t2`
) AS `t3`
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
