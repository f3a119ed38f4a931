/**
 * Hand-written routing edge cases the corpus lacks. Expected answers are never written here: each
 * label set goes to amtool 0.25 and to the console, and the two must agree.
 */
export const edgeConfig = String.raw`route:
  receiver: default
  group_by: ['...']
  routes:
    - matchers: ['service=~"api"']
      receiver: api
    - matchers: ['{team=~"(?i)ops", env!="prod"}']
      receiver: ops
      continue: true
    - match_re:
        host: 'db-\d+'
      receiver: db
      continue: true
    - matchers: ['missing=""', 'kind="absent"']
      receiver: absent
      continue: true
    - matchers: ['zone=~"eu.*|us"']
      group_by: [zone]
      receiver: zones
      routes:
        - matchers: [a="1"]
          receiver: zone-a
          continue: true
        - matchers: [b="2"]
          receiver: zone-b
          group_wait: 1m
        - matchers: [c="3"]
          group_by: []
    - matchers: ['msg="say \"hi\""', 'path=~"C:\\\\.*"']
      receiver: quoted
    - matchers: [name=unquoted value]
      receiver: unquoted
    - matchers: ['multi=~"a.*"']
      receiver: dot
    - matchers: ['x=~".+"', 'y!~"^$"']
      receiver: nonempty
    - matchers: ['w=~"\\w+é"']
      receiver: unicode
    - match: { version: 1.10, code: 0x1F }
      receiver: numeric
receivers:
  - name: default
  - name: api
  - name: ops
  - name: db
  - name: absent
  - name: zones
  - name: zone-a
  - name: zone-b
  - name: quoted
  - name: unquoted
  - name: dot
  - name: nonempty
  - name: unicode
  - name: numeric
`;

/** Label sets as amtool takes them on its command line (`name="value"`). */
export const edgeLabelSets: string[][] = [
  [],
  ['service="api"'],
  ['service="api-gw"'],
  ['service="xapi"'],
  ['team="OPS"', 'env="dev"'],
  ['team="ops"', 'env="prod"'],
  ['team="devops"'],
  ['host="db-12"'],
  ['host="db-12x"'],
  ['host="db-"'],
  ['kind="absent"'],
  ['kind="absent"', 'missing="x"'],
  ['team="Ops"', 'host="db-1"', 'kind="absent"'],
  ['zone="eu-west"'],
  ['zone="us"'],
  ['zone="usa"'],
  ['zone="eu"', 'a="1"'],
  ['zone="eu"', 'a="1"', 'b="2"'],
  ['zone="eu"', 'b="2"'],
  ['zone="eu"', 'c="3"'],
  ['msg="say \\"hi\\""', 'path="C:\\\\temp"'],
  ['msg="say hi"', 'path="C:\\\\temp"'],
  ['name="unquoted value"'],
  ['name="unquoted"'],
  ['multi="abc"'],
  ['multi="a\\nb"'],
  ['x="1"'],
  ['x="1"', 'y="2"'],
  ['w="abcé"'],
  ['w="é"'],
  ['version="1.10"', 'code="0x1F"'],
  ['version="1.1"', 'code="31"'],
  ['service=api'],
  ['team=ops', 'env=dev'],
];
