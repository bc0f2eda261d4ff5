#!/usr/bin/env node
// Usage: node deploy/local/kafka-ready.js [timeoutSeconds=90]
// Exits 0 once the brokers in KAFKA_BROKERS (default 127.0.0.1:9092) answer
// metadata requests (describeCluster + listTopics), 1 on timeout.
// Authenticates as KAFKA_USERNAME with KAFKA_PASSWORD or KAFKA_PASSWORD_FILE over
// KAFKA_SASL_MECHANISM (scram-sha-512, scram-sha-256, plain; `none`: plaintext).
// An open port is not enough: the broker accepts connections well before it can serve.
'use strict';
const fs = require('fs');
const path = require('path');
const { Kafka, logLevel } = require(
  require.resolve('kafkajs', { paths: [path.join(__dirname, '..', '..')] }),
);

const brokers = (process.env.KAFKA_BROKERS || '127.0.0.1:9092')
  .split(',')
  .map((b) => b.trim())
  .filter(Boolean);
const timeoutMs = Number(process.argv[2] || 90) * 1000;
const mechanism = (process.env.KAFKA_SASL_MECHANISM || 'scram-sha-512').toLowerCase();
function sasl() {
  if (mechanism === 'none') return undefined;
  const file = process.env.KAFKA_PASSWORD_FILE;
  const password = process.env.KAFKA_PASSWORD || (file ? fs.readFileSync(file, 'utf8').trim() : '');
  return { mechanism, username: process.env.KAFKA_USERNAME || 'admin', password };
}
/** TLS as the hub's clients use it (KAFKA_TLS=false: none; the CA from KAFKA_TLS_CA_FILE). */
function tlsOptions() {
  if ((process.env.KAFKA_TLS || '').toLowerCase() === 'false') return undefined;
  const file = process.env.KAFKA_TLS_CA_FILE;
  return file ? { ca: [fs.readFileSync(file, 'utf8')] } : undefined;
}
const deadline = Date.now() + timeoutMs;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function probeOnce() {
  const kafka = new Kafka({
    clientId: 'zhijian-kafka-ready',
    brokers,
    sasl: sasl(),
    ssl: tlsOptions(),
    logLevel: logLevel.NOTHING,
    connectionTimeout: 3000,
    requestTimeout: 5000,
    retry: { retries: 0 },
  });
  const admin = kafka.admin();
  // A peer that accepts TCP but never speaks Kafka must not hang us past the deadline.
  let timer;
  const hang = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error('no answer within 8s')), 8000);
  });
  try {
    return await Promise.race([
      (async () => {
        await admin.connect();
        const cluster = await admin.describeCluster();
        if (!cluster.brokers.length) throw new Error('no registered brokers yet');
        const topics = await admin.listTopics();
        return { cluster, topics };
      })(),
      hang,
    ]);
  } finally {
    clearTimeout(timer);
    await admin.disconnect().catch(() => {});
  }
}

(async () => {
  let lastError;
  for (let attempt = 1; ; attempt++) {
    try {
      const { cluster, topics } = await probeOnce();
      console.log(
        `Kafka ready at ${brokers.join(',')}: cluster ${cluster.clusterId}, ` +
          `${cluster.brokers.length} broker(s), ${topics.length} topic(s) (attempt ${attempt})`,
      );
      process.exit(0);
    } catch (err) {
      lastError = err;
    }
    if (Date.now() + 1000 > deadline) break;
    await sleep(1000);
  }
  console.error(
    `Kafka at ${brokers.join(',')} did not answer metadata requests within ${timeoutMs / 1000}s: ` +
      `${lastError && lastError.message}`,
  );
  process.exit(1);
})();
