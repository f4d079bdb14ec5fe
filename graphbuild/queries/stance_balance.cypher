// Stance balance between two countries: per month and direction, factual SUPPORTS and
// OPPOSES statements and their difference (supports minus opposes). People and bodies
// count for their country (their country_id, the target of AFFILIATED_WITH).
// @param a name, alias or id of the first country
// @param b name, alias or id of the second country
WITH toLower($a) AS ka, toLower($b) AS kb
MATCH (ca:Actor)
WHERE ca.type = 'Country' AND (ca.id = $a OR toLower(ca.name) = ka OR any(n IN ca.aliases WHERE toLower(n) = ka))
MATCH (cb:Actor)
WHERE cb.type = 'Country' AND (cb.id = $b OR toLower(cb.name) = kb OR any(n IN cb.aliases WHERE toLower(n) = kb))
MATCH (s:Actor)-[r:SUPPORTS|OPPOSES]->(o:Actor)
WHERE ((s.id = ca.id OR s.country_id = ca.id) AND (o.id = cb.id OR o.country_id = cb.id))
   OR ((s.id = cb.id OR s.country_id = cb.id) AND (o.id = ca.id OR o.country_id = ca.id))
WITH CASE WHEN s.id = ca.id OR s.country_id = ca.id THEN ca.name ELSE cb.name END AS source,
     CASE WHEN s.id = ca.id OR s.country_id = ca.id THEN cb.name ELSE ca.name END AS target,
     coalesce(left(r.date, 7), 'undated') AS month, r.family AS family
RETURN source, target, month,
       count(CASE WHEN family = 'SUPPORTS' THEN 1 END) AS supports,
       count(CASE WHEN family = 'OPPOSES' THEN 1 END) AS opposes,
       count(CASE WHEN family = 'SUPPORTS' THEN 1 END) - count(CASE WHEN family = 'OPPOSES' THEN 1 END) AS balance
ORDER BY source, target, month
