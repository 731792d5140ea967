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
      EXTRACT(year FROM SAFE_CAST(`t0`.`submitted_at` AS DATETIME)) * 100
    ) + EXTRACT(month FROM SAFE_CAST(`t0`.`submitted_at` AS DATETIME)) AS `month`,
    CAST(NULL AS STRING) AS `season`,
    CAST(NULL AS STRING) AS `journey`,
    CAST(NULL AS STRING) AS `stage`,
    CAST(NULL AS STRING) AS `channel`,
    CAST(NULL AS STRING) AS `persona`,
    SAFE_CAST(`t0`.`nps` AS FLOAT64) AS `value`,
    (
      `t0`.`nps` IS NOT NULL
    ) AND (
      SAFE_CAST(`t0`.`nps` AS FLOAT64) IS NULL
    ) AS `unreadable`,
    CASE
      WHEN `t0`.`submitted_at` IS NULL
      THEN 'missing'
      WHEN (
        SAFE_CAST(`t0`.`submitted_at` AS DATETIME) IS NULL
      )
      OR (
        EXTRACT(year FROM SAFE_CAST(`t0`.`submitted_at` AS DATETIME)) < 1900
      )
      THEN 'bad'
      WHEN SAFE_CAST(`t0`.`submitted_at` AS DATETIME) > DATETIME('2026-11-30T00:00:00')
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
      EXTRACT(year FROM SAFE_CAST(`t0`.`submitted_at` AS DATETIME)) * 100
    ) + EXTRACT(month FROM SAFE_CAST(`t0`.`submitted_at` AS DATETIME)) AS `month`,
    CAST(NULL AS STRING) AS `season`,
    CAST(NULL AS STRING) AS `journey`,
    CAST(NULL AS STRING) AS `stage`,
    CAST(NULL AS STRING) AS `channel`,
    CAST(NULL AS STRING) AS `persona`,
    SAFE_CAST(`t0`.`csat` AS FLOAT64) AS `value`,
    (
      `t0`.`csat` IS NOT NULL
    ) AND (
      SAFE_CAST(`t0`.`csat` AS FLOAT64) IS NULL
    ) AS `unreadable`,
    CASE
      WHEN `t0`.`submitted_at` IS NULL
      THEN 'missing'
      WHEN (
        SAFE_CAST(`t0`.`submitted_at` AS DATETIME) IS NULL
      )
      OR (
        EXTRACT(year FROM SAFE_CAST(`t0`.`submitted_at` AS DATETIME)) < 1900
      )
      THEN 'bad'
      WHEN SAFE_CAST(`t0`.`submitted_at` AS DATETIME) > DATETIME('2026-11-30T00:00:00')
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
      EXTRACT(year FROM SAFE_CAST(`t0`.`submitted_at` AS DATETIME)) * 100
    ) + EXTRACT(month FROM SAFE_CAST(`t0`.`submitted_at` AS DATETIME)) AS `month`,
    CAST(NULL AS STRING) AS `season`,
    CAST(NULL AS STRING) AS `journey`,
    CAST(NULL AS STRING) AS `stage`,
    CAST(NULL AS STRING) AS `channel`,
    CAST(NULL AS STRING) AS `persona`,
    SAFE_CAST(`t0`.`feeling` AS FLOAT64) AS `value`,
    (
      `t0`.`feeling` IS NOT NULL
    )
    AND (
      SAFE_CAST(`t0`.`feeling` AS FLOAT64) IS NULL
    ) AS `unreadable`,
    CASE
      WHEN `t0`.`submitted_at` IS NULL
      THEN 'missing'
      WHEN (
        SAFE_CAST(`t0`.`submitted_at` AS DATETIME) IS NULL
      )
      OR (
        EXTRACT(year FROM SAFE_CAST(`t0`.`submitted_at` AS DATETIME)) < 1900
      )
      THEN 'bad'
      WHEN SAFE_CAST(`t0`.`submitted_at` AS DATETIME) > DATETIME('2026-11-30T00:00:00')
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
  `t2`.`month`,
  `t2`.`season`,
  `t2`.`journey`,
  `t2`.`step`,
  `t2`.`stage`,
  `t2`.`channel`,
  `t2`.`segment`,
  `t2`.`persona`,
  `t2`.`reached_0`,
  `t2`.`reached_1`,
  `t2`.`reached_2`,
  `t2`.`started`,
  `t2`.`completed`,
  `t2`.`minutes`,
  COUNT(*) AS `n`,
  SUM(`t2`.`unreadable`) AS `unreadable`,
  SUM(`t2`.`future`) AS `future`
FROM (
  SELECT
    `t1`.`case`,
    `t1`.`start`,
    `t1`.`seen`,
    `t1`.`end`,
    `t1`.`journey`,
    `t1`.`step`,
    `t1`.`stage`,
    `t1`.`channel`,
    `t1`.`segment`,
    `t1`.`persona`,
    `t1`.`unreadable`,
    `t1`.`future`,
    `t1`.`reached_0`,
    `t1`.`reached_1`,
    `t1`.`reached_2`,
    (
      EXTRACT(year FROM `t1`.`seen`) * 100
    ) + EXTRACT(month FROM `t1`.`seen`) AS `month`,
    CAST(NULL AS STRING) AS `season`,
    `t1`.`start` IS NOT NULL AS `started`,
    `t1`.`end` IS NOT NULL AS `completed`,
    CAST(FLOOR(ieee_divide(UNIX_SECONDS(`t1`.`end`) - UNIX_SECONDS(`t1`.`start`), 60.0)) AS INT64) * 1.0 AS `minutes`
  FROM (
    SELECT
      `t0`.`case`,
      MIN(
        IF(
          (
            SAFE_CAST(`t0`.`submitted_at` AS DATETIME) IS NOT NULL
          )
          AND (
            SAFE_CAST(`t0`.`submitted_at` AS DATETIME) <= DATETIME('2026-11-30T00:00:00')
          )
          AND (
            EXTRACT(year FROM SAFE_CAST(`t0`.`submitted_at` AS DATETIME)) >= 1900
          ),
          SAFE_CAST(`t0`.`submitted_at` AS DATETIME),
          NULL
        )
      ) AS `start`,
      MIN(
        IF(
          (
            SAFE_CAST(`t0`.`submitted_at` AS DATETIME) IS NOT NULL
          )
          AND (
            SAFE_CAST(`t0`.`submitted_at` AS DATETIME) <= DATETIME('2026-11-30T00:00:00')
          )
          AND (
            EXTRACT(year FROM SAFE_CAST(`t0`.`submitted_at` AS DATETIME)) >= 1900
          ),
          SAFE_CAST(`t0`.`submitted_at` AS DATETIME),
          NULL
        )
      ) AS `seen`,
      MIN(
        IF(
          (
            `t0`.`event` = 'paid'
          )
          AND (
            (
              SAFE_CAST(`t0`.`submitted_at` AS DATETIME) IS NOT NULL
            )
            AND (
              SAFE_CAST(`t0`.`submitted_at` AS DATETIME) <= DATETIME('2026-11-30T00:00:00')
            )
            AND (
              EXTRACT(year FROM SAFE_CAST(`t0`.`submitted_at` AS DATETIME)) >= 1900
            )
          ),
          SAFE_CAST(`t0`.`submitted_at` AS DATETIME),
          NULL
        )
      ) AS `end`,
      CAST(NULL AS STRING) AS `journey`,
      CAST(NULL AS STRING) AS `step`,
      CAST(NULL AS STRING) AS `stage`,
      CAST(NULL AS STRING) AS `channel`,
      CAST(NULL AS STRING) AS `segment`,
      CAST(NULL AS STRING) AS `persona`,
      SUM(
        CAST((
          SAFE_CAST(`t0`.`submitted_at` AS DATETIME) IS NULL
        )
        AND (
          `t0`.`submitted_at` IS NOT NULL
        ) AS INT64)
      ) AS `unreadable`,
      SUM(
        CAST(SAFE_CAST(`t0`.`submitted_at` AS DATETIME) > DATETIME('2026-11-30T00:00:00') AS INT64)
      ) AS `future`,
      LOGICAL_OR(
        `t0`.`event` IN ('opened')
        AND (
          (
            SAFE_CAST(`t0`.`submitted_at` AS DATETIME) IS NOT NULL
          )
          AND (
            SAFE_CAST(`t0`.`submitted_at` AS DATETIME) <= DATETIME('2026-11-30T00:00:00')
          )
          AND (
            EXTRACT(year FROM SAFE_CAST(`t0`.`submitted_at` AS DATETIME)) >= 1900
          )
        )
      ) AS `reached_0`,
      LOGICAL_OR(
        `t0`.`event` IN ('uploaded')
        AND (
          (
            SAFE_CAST(`t0`.`submitted_at` AS DATETIME) IS NOT NULL
          )
          AND (
            SAFE_CAST(`t0`.`submitted_at` AS DATETIME) <= DATETIME('2026-11-30T00:00:00')
          )
          AND (
            EXTRACT(year FROM SAFE_CAST(`t0`.`submitted_at` AS DATETIME)) >= 1900
          )
        )
      ) AS `reached_1`,
      LOGICAL_OR(
        `t0`.`event` IN ('paid')
        AND (
          (
            SAFE_CAST(`t0`.`submitted_at` AS DATETIME) IS NOT NULL
          )
          AND (
            SAFE_CAST(`t0`.`submitted_at` AS DATETIME) <= DATETIME('2026-11-30T00:00:00')
          )
          AND (
            EXTRACT(year FROM SAFE_CAST(`t0`.`submitted_at` AS DATETIME)) >= 1900
          )
        )
      ) AS `reached_2`
    FROM `events` AS `t0`
    GROUP BY
      1
  ) AS `t1`
) AS `t2`
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
