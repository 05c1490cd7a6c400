#!/usr/bin/env bash
# kafka.sh - a real Apache Kafka 4.x (KRaft, combined broker+controller) on 127.0.0.1,
# run straight from Maven Central jars: no release tarball, no Docker.
#
#   kafka.sh fetch          resolve the jars into $KAFKA_DIR/lib-<version> (needs Maven Central)
#   kafka.sh up [1|3]       fetch, format (first time only), start 1 or 3 nodes, wait until ready
#   kafka.sh env            print export lines for tests:  eval "$(kafka.sh env)"
#   kafka.sh start N        (re)start node N and wait for it; no re-format
#   kafka.sh stop N         SIGTERM node N (controlled shutdown), SIGKILL after $KAFKA_STOP_TIMEOUT
#   kafka.sh kill N         SIGKILL node N (crash test)
#   kafka.sh wait N         wait until node N accepts connections on its PLAINTEXT port
#   kafka.sh version        print the Kafka version of the running broker (from its log)
#   kafka.sh down           stop every node
#   kafka.sh clean          down, then delete node data/logs/ids (jars and certs are kept)
#
# Environment (all optional): KAFKA_VERSION (4.4.0), KAFKA_DIR (<repo>/.kafka), KAFKA_SECURITY=1
# (adds SASL_PLAINTEXT, SSL, SASL_SSL, MTLS and BADHOST listeners; see write_props and env_out),
# KAFKA_PORT_BASE (9092 for 1 node, 19092 for 3),
# KAFKA_HEAP_OPTS, KAFKA_JVM_OPTS, KAFKA_OPTS, KAFKA_START_TIMEOUT (60 s), KAFKA_STOP_TIMEOUT (30 s).
set -euo pipefail

# default: .kafka at the repository root, wherever the script is called from
KDIR="${KAFKA_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/.kafka}"
RUN="$KDIR/run"
TLS="$KDIR/tls"
if [ -z "${KAFKA_VERSION:-}" ] && [ -s "$RUN/version" ]; then KAFKA_VERSION=$(cat "$RUN/version"); fi
KAFKA_VERSION="${KAFKA_VERSION:-4.4.0}"
LOG4J2_VERSION="${LOG4J2_VERSION:-2.25.3}"
DEP_PLUGIN="org.apache.maven.plugins:maven-dependency-plugin:${DEP_PLUGIN_VERSION:-3.8.1}"
LIB="$KDIR/lib-$KAFKA_VERSION"
JAVA="${JAVA:-java}"
HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xms128m -Xmx512m}"
JVM_OPTS="${KAFKA_JVM_OPTS:--XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:+ExitOnOutOfMemoryError -Djava.awt.headless=true}"
START_TIMEOUT="${KAFKA_START_TIMEOUT:-60}"
STOP_TIMEOUT="${KAFKA_STOP_TIMEOUT:-30}"
if [ -z "${KAFKA_SECURITY:-}" ] && [ -s "$RUN/security" ]; then KAFKA_SECURITY=$(cat "$RUN/security"); fi
SECURITY="${KAFKA_SECURITY:-0}"

die() { echo "kafka.sh: $*" >&2; exit 1; }
nodes() { cat "$RUN/nodes" 2>/dev/null || echo 1; }
port_base() { cat "$RUN/port-base" 2>/dev/null || echo 9092; }
# port N K -> K: 0 PLAINTEXT, 1 CONTROLLER, 2 SASL_PLAINTEXT, 3 SSL, 4 SASL_SSL,
# 5 MTLS (SSL, client certificate required), 6 BADHOST (SSL, certificate for another host name)
port() { echo $(( $(port_base) + 10 * ($1 - 1) + $2 )); }
# listener offsets that exist only with KAFKA_SECURITY=1
SECURE_PORTS="2 3 4 5 6"
# passwords of the encrypted client key files and keystores make_tls writes (test material only)
CLIENT_KEY_PASSWORD=client-key-secret
ndir() { echo "$RUN/node$1"; }

write_pom() {
  mkdir -p "$KDIR"
  cat > "$KDIR/pom.xml" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0"
         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
         xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.testinfra</groupId>
  <artifactId>kafka-broker-runtime</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <properties>
    <kafka.version>4.4.0</kafka.version>
    <log4j2.version>2.25.3</log4j2.version>
    <slf4j.version>1.7.36</slf4j.version>
    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
  </properties>
  <dependencies>
    <!-- the broker (kafka.Kafka) and the storage tool (kafka.tools.StorageTool) -->
    <dependency>
      <groupId>org.apache.kafka</groupId>
      <artifactId>kafka_2.13</artifactId>
      <version>${kafka.version}</version>
    </dependency>
    <!-- already transitive; pinned so every Kafka module resolves to one version -->
    <dependency>
      <groupId>org.apache.kafka</groupId>
      <artifactId>kafka-clients</artifactId>
      <version>${kafka.version}</version>
    </dependency>
    <dependency>
      <groupId>org.apache.kafka</groupId>
      <artifactId>kafka-server</artifactId>
      <version>${kafka.version}</version>
    </dependency>
    <!-- logging backend: compileOnly/releaseOnly in Kafka's build, so absent from its POMs -->
    <dependency>
      <groupId>org.slf4j</groupId>
      <artifactId>slf4j-api</artifactId>
      <version>${slf4j.version}</version>
    </dependency>
    <dependency>
      <groupId>org.apache.logging.log4j</groupId>
      <artifactId>log4j-api</artifactId>
      <version>${log4j2.version}</version>
    </dependency>
    <dependency>
      <groupId>org.apache.logging.log4j</groupId>
      <artifactId>log4j-core</artifactId>
      <version>${log4j2.version}</version>
    </dependency>
    <dependency>
      <groupId>org.apache.logging.log4j</groupId>
      <artifactId>log4j-slf4j-impl</artifactId>
      <version>${log4j2.version}</version>
    </dependency>
  </dependencies>
  <profiles>
    <!-- -Ptools: the admin CLIs (org.apache.kafka.tools.*); pulls in connect-runtime, Jetty, Jersey -->
    <profile>
      <id>tools</id>
      <dependencies>
        <dependency>
          <groupId>org.apache.kafka</groupId>
          <artifactId>kafka-tools</artifactId>
          <version>${kafka.version}</version>
        </dependency>
      </dependencies>
    </profile>
  </profiles>
</project>
EOF
}

write_log4j() {
  mkdir -p "$KDIR"
  cat > "$KDIR/log4j2.properties" <<'EOF'
# broker: one plain file per node (${sys:kafka.logs.dir} is set on the java command line)
appender.file.type = File
appender.file.name = FILE
appender.file.fileName = ${sys:kafka.logs.dir}/server.log
appender.file.append = true
appender.file.layout.type = PatternLayout
appender.file.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = INFO
rootLogger.appenderRef.file.ref = FILE
logger.kafka.name = kafka
logger.kafka.level = INFO
logger.apachekafka.name = org.apache.kafka
logger.apachekafka.level = INFO
logger.request.name = kafka.request.logger
logger.request.level = WARN
logger.reqchannel.name = kafka.network.RequestChannel$
logger.reqchannel.level = WARN
logger.statechange.name = state.change.logger
logger.statechange.level = WARN
logger.authorizer.name = kafka.authorizer.logger
logger.authorizer.level = WARN
EOF
  cat > "$KDIR/log4j2-tools.properties" <<'EOF'
# command-line tools (StorageTool): warnings and errors to stderr only
appender.err.type = Console
appender.err.name = STDERR
appender.err.target = SYSTEM_ERR
appender.err.layout.type = PatternLayout
appender.err.layout.pattern = %p %m (%c)%n
rootLogger.level = WARN
rootLogger.appenderRef.err.ref = STDERR
EOF
}

find_storage_tool() {  # prints the class that answers `random-uuid` with a 22-char id
  local dir=$1 c out
  for c in kafka.tools.StorageTool org.apache.kafka.tools.StorageTool; do
    out=$("$JAVA" -Xmx128m -cp "$dir/*" -Dlog4j2.configurationFile="$KDIR/log4j2-tools.properties" \
          "$c" random-uuid 2>/dev/null | tail -n 1) || continue
    if [[ "$out" =~ ^[A-Za-z0-9_-]{22}$ ]]; then echo "$c"; return 0; fi
  done
  return 1
}

fetch() {
  need_java
  write_log4j
  [ -f "$LIB/.ready" ] && return 0
  command -v mvn >/dev/null || die "mvn not found: install Maven 3.6.3+ (apt-get install -y maven); it fetches the Kafka jars from Maven Central"
  write_pom
  rm -rf "$LIB.part"
  local try
  for try in 1 2 3; do
    # shellcheck disable=SC2086
    if mvn -B -q -f "$KDIR/pom.xml" ${KAFKA_MVN_ARGS:-} \
         -Dkafka.version="$KAFKA_VERSION" -Dlog4j2.version="$LOG4J2_VERSION" \
         "$DEP_PLUGIN:copy-dependencies" -DoutputDirectory="$LIB.part" -DincludeScope=runtime; then
      break
    fi
    [ "$try" = 3 ] && die "Maven could not resolve Kafka $KAFKA_VERSION"
    sleep 5
  done
  [ -f "$LIB.part/kafka_2.13-$KAFKA_VERSION.jar" ] || die "kafka_2.13-$KAFKA_VERSION.jar was not copied"
  local tool
  tool=$(find_storage_tool "$LIB.part") || die "no working StorageTool class in $LIB.part (see the guide, troubleshooting)"
  echo "$tool" > "$LIB.part/.storage-tool"
  rm -rf "$LIB"
  mv "$LIB.part" "$LIB"
  touch "$LIB/.ready"
}

cluster_id() {
  mkdir -p "$RUN"
  if [ ! -s "$RUN/cluster.id" ]; then
    # 16 random bytes, URL-safe base64 without padding: the format of Kafka's Uuid (22 chars).
    # One starting with '-' is drawn again, as Kafka's Uuid.randomUuid does: the storage
    # tool would take "--cluster-id -abc..." for a missing argument (1 cluster in 64).
    local id=-
    while [[ $id == -* ]]; do id=$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n'); done
    printf '%s' "$id" > "$RUN/cluster.id"
  fi
  cat "$RUN/cluster.id"
}

# tls_ok: every file the tests use exists (an older script version made fewer).
tls_ok() {
  local f
  for f in ca.crt broker-keystore.pem badhost-keystore.pem client.crt client.key client-legacy-enc.key \
           client-pkcs8-enc.key client.p12 client-3des.p12 client-expired.crt other-ca.crt other-client.crt other-client.key; do
    [ -s "$TLS/$f" ] || return 1
  done
}

make_tls() {
  tls_ok && return 0
  command -v openssl >/dev/null || die "openssl not found (apt-get install -y openssl)"
  rm -rf "$TLS"
  mkdir -p "$TLS"
  (
    cd "$TLS"
    pw="pass:$CLIENT_KEY_PASSWORD"
    openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=kafka-dev-ca" \
      -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
      -keyout ca.key -out ca.crt
    printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth,clientAuth\n' > broker.ext
    # BADHOST: signed by the same CA, but for a name the client never dials
    printf 'subjectAltName=DNS:wrong-host.invalid\nextendedKeyUsage=serverAuth\n' > badhost.ext
    printf 'extendedKeyUsage=clientAuth\n' > client.ext
    for who in broker badhost client; do
      cn=$who; [ "$who" = broker ] && cn=localhost; [ "$who" = badhost ] && cn=wrong-host.invalid
      openssl req -newkey rsa:2048 -nodes -subj "/CN=$cn" -keyout "$who.raw.key" -out "$who.csr"
      openssl pkcs8 -topk8 -nocrypt -in "$who.raw.key" -out "$who.key"   # Kafka's PEM reader wants PKCS#8
      openssl x509 -req -in "$who.csr" -CA ca.crt -CAkey ca.key -CAcreateserial -days 3650 \
        -extfile "$who.ext" -out "$who.crt"
    done
    cat broker.key broker.crt ca.crt > broker-keystore.pem     # key + chain, unencrypted PEM
    cat badhost.key badhost.crt ca.crt > badhost-keystore.pem
    # The client key and certificate in every form librdkafka reads them:
    # legacy encrypted PEM (Proc-Type: 4,ENCRYPTED), encrypted PKCS#8, and
    # PKCS#12 with OpenSSL 3's default AES/PBKDF2 and with the older 3DES/SHA-1.
    openssl rsa -in client.key -aes256 -traditional -passout "$pw" -out client-legacy-enc.key
    openssl pkcs8 -topk8 -in client.key -v2 aes-256-cbc -passout "$pw" -out client-pkcs8-enc.key
    openssl pkcs12 -export -in client.crt -inkey client.key -certfile ca.crt -name client -passout "$pw" -out client.p12
    openssl pkcs12 -export -in client.crt -inkey client.key -certfile ca.crt -name client -passout "$pw" \
      -keypbe PBE-SHA1-3DES -certpbe PBE-SHA1-3DES -macalg sha1 -out client-3des.p12
    # An expired client certificate from the right CA: `openssl ca` is the
    # OpenSSL 3.0 way to pick validity dates in the past.
    printf '[ca]\ndefault_ca=dev\n[dev]\ndatabase=index.txt\nnew_certs_dir=.\nserial=ca-db.srl\ndefault_md=sha256\npolicy=any\nunique_subject=no\n[any]\ncommonName=supplied\n' > ca-db.cnf
    : > index.txt; echo 1000 > ca-db.srl
    openssl ca -batch -notext -config ca-db.cnf -cert ca.crt -keyfile ca.key -in client.csr \
      -startdate 20200101000000Z -enddate 20200102000000Z -extfile client.ext -out client-expired.crt
    # A client certificate from a CA the broker does not trust.
    openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=other-ca" \
      -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
      -keyout other-ca.key -out other-ca.crt
    openssl req -newkey rsa:2048 -nodes -subj "/CN=client" -keyout other-client.raw.key -out other-client.csr
    openssl pkcs8 -topk8 -nocrypt -in other-client.raw.key -out other-client.key
    openssl x509 -req -in other-client.csr -CA other-ca.crt -CAkey other-ca.key -CAcreateserial -days 3650 \
      -extfile client.ext -out other-client.crt
  ) > "$TLS/openssl.log" 2>&1 || true
  # errexit is off inside a tested subshell, so check the results instead (tls_ok: every file)
  if ! openssl verify -CAfile "$TLS/ca.crt" "$TLS/broker.crt" "$TLS/badhost.crt" "$TLS/client.crt" >> "$TLS/openssl.log" 2>&1 \
     || ! grep -q 'BEGIN PRIVATE KEY' "$TLS/broker-keystore.pem" 2>/dev/null || ! tls_ok; then
    cat "$TLS/openssl.log" >&2; rm -f "$TLS/broker-keystore.pem"; die "certificate generation failed"
  fi
}

write_props() {
  local n=$1 total d i voters="" rf=1 isr=1
  total=$(nodes); d=$(ndir "$n")
  mkdir -p "$d/data" "$d/logs"
  for i in $(seq 1 "$total"); do voters+="${voters:+,}$i@127.0.0.1:$(port "$i" 1)"; done
  if [ "$total" -gt 1 ]; then rf=3; isr=2; fi
  local listeners advertised protomap="PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"
  listeners="PLAINTEXT://127.0.0.1:$(port "$n" 0),CONTROLLER://127.0.0.1:$(port "$n" 1)"
  advertised="PLAINTEXT://127.0.0.1:$(port "$n" 0)"
  if [ "$SECURITY" = 1 ]; then
    local secured="SASL_PLAINTEXT://127.0.0.1:$(port "$n" 2),SSL://127.0.0.1:$(port "$n" 3),SASL_SSL://127.0.0.1:$(port "$n" 4)"
    secured+=",MTLS://127.0.0.1:$(port "$n" 5),BADHOST://127.0.0.1:$(port "$n" 6)"
    listeners+=",$secured"
    advertised+=",$secured"
    protomap+=",SASL_PLAINTEXT:SASL_PLAINTEXT,SSL:SSL,SASL_SSL:SASL_SSL,MTLS:SSL,BADHOST:SSL"
  fi
  # StandardAuthorizer so that the ACL admin APIs work; with no ACL on a resource everyone
  # may use it, and the principals the brokers and tests connect as are super users.
  # PLAINTEXT clients, the inter-broker and the controller listeners are User:ANONYMOUS.
  local supers="User:ANONYMOUS"
  if [ "$SECURITY" = 1 ]; then supers+=";User:admin;User:alice;User:CN=client"; fi
  cat > "$d/server.properties" <<EOF
# generated by kafka.sh - node $n of $total
process.roles=broker,controller
node.id=$n
controller.quorum.voters=$voters
controller.listener.names=CONTROLLER
listeners=$listeners
advertised.listeners=$advertised
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=$protomap
log.dirs=$d/data

num.partitions=1
default.replication.factor=$rf
min.insync.replicas=$isr
auto.create.topics.enable=true
offsets.topic.replication.factor=$rf
offsets.topic.num.partitions=$total
transaction.state.log.replication.factor=$rf
transaction.state.log.min.isr=$isr
transaction.state.log.num.partitions=$total
share.coordinator.state.topic.replication.factor=$rf
share.coordinator.state.topic.min.isr=$isr
share.coordinator.state.topic.num.partitions=$total
group.initial.rebalance.delay.ms=0
# tests stamp messages in 2023 (fixed timestamps they can check), which
# time-based retention (7 days) would delete within 5 minutes: the log
# start offset jumped to the end under consumers that were about to read
log.retention.ms=-1
authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
allow.everyone.if.no.acl.found=true
super.users=$supers

# small machine (2 cores, small heap)
num.network.threads=2
num.io.threads=4
background.threads=4
num.recovery.threads.per.data.dir=1
num.replica.fetchers=1
group.coordinator.threads=1
share.coordinator.threads=1
log.cleaner.threads=1
log.cleaner.dedupe.buffer.size=33554432
EOF
  if [ "$SECURITY" = 1 ]; then
    local l
    {
      echo
      # OAUTHBEARER without a server callback handler uses Kafka's built-in
      # unsecured-JWT validator: tokens with alg "none", a sub and an exp claim
      echo "sasl.enabled.mechanisms=PLAIN,SCRAM-SHA-256,SCRAM-SHA-512,OAUTHBEARER"
      for l in sasl_plaintext sasl_ssl; do
        echo "listener.name.$l.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username=\"admin\" password=\"admin-secret\" user_admin=\"admin-secret\" user_alice=\"alice-secret\";"
        echo "listener.name.$l.scram-sha-256.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;"
        echo "listener.name.$l.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;"
        echo "listener.name.$l.oauthbearer.sasl.jaas.config=org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required;"
      done
      echo "ssl.keystore.type=PEM"
      echo "ssl.keystore.location=$TLS/broker-keystore.pem"
      echo "ssl.truststore.type=PEM"
      echo "ssl.truststore.location=$TLS/ca.crt"
      echo "listener.name.ssl.ssl.client.auth=requested"
      echo "listener.name.mtls.ssl.client.auth=required"
      echo "listener.name.badhost.ssl.keystore.type=PEM"
      echo "listener.name.badhost.ssl.keystore.location=$TLS/badhost-keystore.pem"
    } >> "$d/server.properties"
  fi
}

format_node() {
  local n=$1 d u m; d=$(ndir "$n")
  [ -f "$d/data/meta.properties" ] && return 0
  local args=(format --cluster-id "$(cat "$RUN/cluster.id")" --config "$d/server.properties" --ignore-formatted)
  if [ "$SECURITY" = 1 ]; then
    for u in admin alice; do
      for m in SCRAM-SHA-256 SCRAM-SHA-512; do args+=(--add-scram "$m=[name=$u,password=$u-secret]"); done
    done
  fi
  "$JAVA" -Xmx256m -cp "$LIB/*" -Dlog4j2.configurationFile="$KDIR/log4j2-tools.properties" \
    "$(cat "$LIB/.storage-tool")" "${args[@]}" > "$d/logs/format.out" 2>&1 \
    || { cat "$d/logs/format.out" >&2; die "format of node $n failed"; }
}

running() {  # node N has a live (non-zombie) kafka.Kafka process
  local f pid st; f="$(ndir "$1")/pid"
  [ -s "$f" ] || return 1
  pid=$(cat "$f")
  st=$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null) || return 1
  [ -n "$st" ] && [ "$st" != Z ] && [ "$st" != X ] || return 1
  tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -q 'kafka\.Kafka'
}

need_java() {
  command -v "$JAVA" >/dev/null || die "java not found: install a JDK 17+ (apt-get install -y openjdk-17-jre-headless) or set JAVA"
  local v
  v=$("$JAVA" -version 2>&1 | awk -F'"' '/version/ {print $2; exit}')
  [ "${v%%.*}" -ge 17 ] 2>/dev/null || die "java $v is too old: Kafka 4.x needs Java 17+ (set JAVA to a newer one)"
}

port_free() {  # fails with a clear message when something that is not our node N listens on port $2
  local n=$1 p=$2
  if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
    die "port 127.0.0.1:$p (node $n) is taken by another process: $(ss -ltnpH "sport = :$p" 2>/dev/null | awk '{print $NF}' | head -1); stop it or set KAFKA_PORT_BASE"
  fi
}

start_node() {
  local n=$1 d; d=$(ndir "$n")
  [ -f "$d/server.properties" ] || die "node $n is not configured; run: kafka.sh up"
  running "$n" && return 0
  need_java
  local k ks="0 1"
  [ "$SECURITY" = 1 ] && ks+=" $SECURE_PORTS"
  for k in $ks; do port_free "$n" "$(port "$n" "$k")"; done
  [ -f "$LIB/.ready" ] || die "no jars for Kafka $KAFKA_VERSION in $LIB; run: kafka.sh fetch"
  mkdir -p "$d/logs"
  # where this start's part of server.log begins (log4j appends): see log_since_start
  { stat -c %s "$d/logs/server.log" 2>/dev/null || echo 0; } > "$d/log-offset"
  # shellcheck disable=SC2086
  nohup "$JAVA" $HEAP_OPTS $JVM_OPTS ${KAFKA_OPTS:-} \
    -Dkafka.logs.dir="$d/logs" -Dlog4j2.configurationFile="$KDIR/log4j2.properties" \
    -cp "$LIB/*" kafka.Kafka "$d/server.properties" >> "$d/logs/stdout.log" 2>&1 < /dev/null &
  echo $! > "$d/pid"
  disown $!  # no "Killed" job report when kill_node ends it from this shell
}

log_since_start() {  # what node N logged since start_node last started it
  local d off size; d=$(ndir "$1")
  off=$(cat "$d/log-offset" 2>/dev/null || echo 0)
  size=$(stat -c %s "$d/logs/server.log" 2>/dev/null || echo 0)
  (( size >= off )) || off=0
  tail -c +"$((off + 1))" "$d/logs/server.log" 2>/dev/null || true
}

# logged N TEXT: node N logged TEXT since its last start. (grep -c reads all of its
# input: with grep -q, tail could die of SIGPIPE and pipefail would turn a match into a miss.)
logged() { [ "$(log_since_start "$1" | grep -cF -- "$2")" != 0 ]; }

started() {  # node N's current start got as far as "Kafka Server started"
  # A node started by an older kafka.sh has no log-offset: its open port has to do.
  [ -f "$(ndir "$1")/log-offset" ] || return 0
  logged "$1" 'Kafka Server started'
}

socket_gone() {  # wait up to $2 s until no socket (of any state) has local port $1
  local i
  command -v ss >/dev/null || { sleep 10; return 0; }
  for ((i = 0; i < $2 * 4; i++)); do
    [ -z "$(ss -Htan "sport = :$1" 2>/dev/null)" ] && return 0
    sleep 0.25
  done
  return 1
}

wait_node() {
  local n=$1 d p k deadline tries=0; d=$(ndir "$n"); p=$(port "$n" 0)
  deadline=$((SECONDS + START_TIMEOUT))
  # The broker opens PLAINTEXT once it has caught up with metadata, then the other
  # listeners, and logs "Kafka Server started" when all are open. PLAINTEXT alone proves
  # nothing: if a later listener cannot bind, the broker shuts itself down, and the
  # tests of the secured listeners would meet a dead broker.
  while (( SECONDS < deadline )); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null && started "$n"; then return 0; fi
    if ! running "$n" || logged "$n" 'Fatal error during broker startup'; then
      # Port bases of 32768 and up lie in Linux's ephemeral range (ip_local_port_range), where
      # a client's outgoing connection can hold a listener's port, and keep it for a minute
      # in TIME_WAIT after it closes. port_free cannot see that (nothing listens), so a start
      # that could not bind waits for the port to be let go and is retried.
      if (( tries < 3 )) && logged "$n" 'Address already in use'; then
        tries=$((tries + 1))
        local held
        held=$(log_since_start "$n" | grep -o 'failed to bind to [0-9.]*:[0-9]*' | sed 's/.*://' | sort -u | tr '\n' ' ')
        echo "kafka.sh: node $n: port(s) ${held:-?}in use by a connection; waiting for them, then starting it again ($tries/3)" >&2
        kill_node "$n"
        for k in $held; do socket_gone "$k" 75 || true; done  # if not, the next try says so
        start_node "$n"
        deadline=$((SECONDS + START_TIMEOUT))
        continue
      fi
      tail -n 40 "$d/logs/stdout.log" >&2 2>/dev/null || true
      log_since_start "$n" | grep -E 'ERROR|Exception|Caused by' | head -n 20 >&2 || true
      kill_node "$n"
      die "node $n failed during start-up (see $d/logs/server.log)"
    fi
    sleep 0.25
  done
  tail -n 40 "$d/logs/stdout.log" "$d/logs/server.log" >&2 2>/dev/null || true
  kill_node "$n"
  die "node $n not listening on 127.0.0.1:$p, or not logging \"Kafka Server started\", after ${START_TIMEOUT}s"
}

gone() {  # wait until node N's process is gone; $2 = max seconds
  local n=$1 i
  for ((i = 0; i < $2 * 4; i++)); do running "$n" || return 0; sleep 0.25; done
  return 1
}

kill_node() {
  local n=$1 d; d=$(ndir "$n")
  if running "$n"; then kill -KILL "$(cat "$d/pid")" 2>/dev/null || true; gone "$n" 10 || true; fi
  rm -f "$d/pid"
}

stop_node() {
  local n=$1 d; d=$(ndir "$n")
  if running "$n"; then
    kill -TERM "$(cat "$d/pid")" 2>/dev/null || true
    gone "$n" "$STOP_TIMEOUT" || kill_node "$n"
  fi
  rm -f "$d/pid"
}

down() {  # SIGTERM everything at once (a lone survivor cannot finish a controlled shutdown)
  local n
  [ -d "$RUN" ] || return 0
  for n in $(seq 1 "$(nodes)"); do
    if running "$n"; then kill -TERM "$(cat "$(ndir "$n")/pid")" 2>/dev/null || true; fi
  done
  for n in $(seq 1 "$(nodes)"); do stop_node "$n"; done
}

env_out() {
  local n plain="" sasl="" ssl="" saslssl="" mtls="" badhost=""
  for n in $(seq 1 "$(nodes)"); do
    plain+="${plain:+,}127.0.0.1:$(port "$n" 0)"
    sasl+="${sasl:+,}127.0.0.1:$(port "$n" 2)"
    ssl+="${ssl:+,}127.0.0.1:$(port "$n" 3)"
    saslssl+="${saslssl:+,}127.0.0.1:$(port "$n" 4)"
    mtls+="${mtls:+,}127.0.0.1:$(port "$n" 5)"
    badhost+="${badhost:+,}127.0.0.1:$(port "$n" 6)"
  done
  echo "export KAFKA_BOOTSTRAP=$plain KAFKA_NODES=$(nodes) KAFKA_SCRIPT=$(cd "$(dirname "$0")" && pwd)/$(basename "$0") KAFKA_DIR=$KDIR"
  if [ "$SECURITY" = 1 ]; then
    echo "export KAFKA_SASL_PLAINTEXT_BOOTSTRAP=$sasl KAFKA_SSL_BOOTSTRAP=$ssl KAFKA_SASL_SSL_BOOTSTRAP=$saslssl"
    echo "export KAFKA_CA_FILE=$TLS/ca.crt KAFKA_CLIENT_CERT=$TLS/client.crt KAFKA_CLIENT_KEY=$TLS/client.key"
    echo "export KAFKA_SASL_USER=alice KAFKA_SASL_PASSWORD=alice-secret KAFKA_SASL_OAUTHBEARER=unsecured-jwt"
    # MTLS requires a client certificate; BADHOST presents a valid certificate for wrong-host.invalid.
    # KAFKA_TLS_DIR holds the other client key forms (see make_tls), encrypted with KAFKA_CLIENT_KEY_PASSWORD.
    echo "export KAFKA_MTLS_BOOTSTRAP=$mtls KAFKA_SSL_BADHOST_BOOTSTRAP=$badhost KAFKA_TLS_DIR=$TLS KAFKA_CLIENT_KEY_PASSWORD=$CLIENT_KEY_PASSWORD"
  fi
}

broker_version() {  # the version line the broker logged at start-up
  sed -n 's/.*INFO Kafka version: \([^ ]*\) .*/\1/p' "$(ndir 1)/logs/server.log" 2>/dev/null | tail -n 1
}

up() {
  local want=${1:-1} n p pids=()
  [ "$want" = 1 ] || [ "$want" = 3 ] || die "up takes 1 or 3"
  if [ -s "$RUN/nodes" ] && [ "$(nodes)" != "$want" ]; then die "a $(nodes)-node cluster exists in $RUN; run clean first"; fi
  fetch
  mkdir -p "$RUN"
  echo "$want" > "$RUN/nodes"
  echo "$KAFKA_VERSION" > "$RUN/version"
  echo "$SECURITY" > "$RUN/security"
  if [ ! -s "$RUN/port-base" ]; then
    if [ "$want" = 1 ]; then echo "${KAFKA_PORT_BASE:-9092}"; else echo "${KAFKA_PORT_BASE:-19092}"; fi > "$RUN/port-base"
  fi
  cluster_id > /dev/null
  if [ "$SECURITY" = 1 ]; then make_tls; fi
  for n in $(seq 1 "$want"); do write_props "$n"; done
  for n in $(seq 1 "$want"); do format_node "$n" & pids+=($!); done
  for p in "${pids[@]}"; do wait "$p" || die "formatting failed"; done
  for n in $(seq 1 "$want"); do start_node "$n"; done
  for n in $(seq 1 "$want"); do wait_node "$n"; done
  echo "kafka.sh: Apache Kafka $(broker_version) ready, $want node(s), 127.0.0.1:$(port 1 0)" >&2
  env_out
}

cmd=${1:-}
[ $# -gt 0 ] && shift
case "$cmd" in
  fetch) fetch ;;
  up)    up "${1:-1}" ;;
  version) broker_version ;;
  env)   env_out ;;
  start) start_node "${1:?node number}"; wait_node "$1" ;;
  stop)  stop_node "${1:?node number}" ;;
  kill)  kill_node "${1:?node number}" ;;
  wait)  wait_node "${1:?node number}" ;;
  down)  down ;;
  clean) down; rm -rf "$RUN" ;;
  *)     sed -n '2,20p' "$0"; exit 2 ;;
esac
