/**
 * A fake Phoenix: a real OTLP/gRPC trace collector on loopback (@grpc/grpc-js) that decodes each export with an
 * inline proto (npm packages no longer ship the OTLP .proto files) and keeps the spans, flattened, for assertions.
 */
import { Server, ServerCredentials, type ServerUnaryCall, type sendUnaryData, type ServiceDefinition } from '@grpc/grpc-js';
import protobuf from 'protobufjs';
import { waitFor } from './wait.js';

const PROTO = `
syntax = "proto3";
package otlp;
message ExportTraceServiceRequest { repeated ResourceSpans resource_spans = 1; }
message ExportTraceServiceResponse {}
message ResourceSpans { Resource resource = 1; repeated ScopeSpans scope_spans = 2; }
message Resource { repeated KeyValue attributes = 1; }
message ScopeSpans { Scope scope = 1; repeated Span spans = 2; }
message Scope { string name = 1; string version = 2; }
message Span {
  bytes trace_id = 1; bytes span_id = 2; string trace_state = 3; bytes parent_span_id = 4; string name = 5;
  int32 kind = 6; fixed64 start_time_unix_nano = 7; fixed64 end_time_unix_nano = 8; repeated KeyValue attributes = 9;
  repeated Event events = 11; Status status = 15;
}
message Event { fixed64 time_unix_nano = 1; string name = 2; repeated KeyValue attributes = 3; }
message Status { string message = 2; int32 code = 3; }
message KeyValue { string key = 1; AnyValue value = 2; }
message AnyValue {
  oneof value { string string_value = 1; bool bool_value = 2; int64 int_value = 3; double double_value = 4; ArrayValue array_value = 5; }
}
message ArrayValue { repeated AnyValue values = 1; }
`;

const root = protobuf.parse(PROTO, { keepCase: true }).root;
const Request = root.lookupType('otlp.ExportTraceServiceRequest');
const Response = root.lookupType('otlp.ExportTraceServiceResponse');

export type AttrValue = string | number | boolean | AttrValue[];
export type Attrs = Record<string, AttrValue>;

export interface ReceivedSpan {
  traceId: string;
  spanId: string;
  /** '' for a root span. */
  parentSpanId: string;
  name: string;
  /** OTLP numbering: 1 internal, 2 server, 3 client. */
  kind: number;
  durationMs: number;
  attributes: Attrs;
  events: { name: string; attributes: Attrs }[];
  /** 0 unset, 1 ok, 2 error. */
  status: number;
  resource: Attrs;
}

interface RawValue { string_value?: string; bool_value?: boolean; int_value?: number | { toNumber(): number }; double_value?: number; array_value?: { values?: RawValue[] } }
interface RawKv { key: string; value?: RawValue }
interface RawSpan {
  trace_id: Uint8Array; span_id: Uint8Array; parent_span_id?: Uint8Array; name: string; kind?: number;
  start_time_unix_nano: number | { toNumber(): number }; end_time_unix_nano: number | { toNumber(): number };
  attributes?: RawKv[]; events?: { name: string; attributes?: RawKv[] }[]; status?: { code?: number };
}
interface RawRequest { resource_spans?: { resource?: { attributes?: RawKv[] }; scope_spans?: { spans?: RawSpan[] }[] }[] }

const num = (v: number | { toNumber(): number } | undefined) => (typeof v === 'object' ? v.toNumber() : (v ?? 0));
const hex = (b: Uint8Array | undefined) => Buffer.from(b ?? []).toString('hex');

function value(v: RawValue | undefined): AttrValue {
  if (!v) return '';
  if (v.string_value !== undefined) return v.string_value;
  if (v.bool_value !== undefined) return v.bool_value;
  if (v.int_value !== undefined) return num(v.int_value);
  if (v.double_value !== undefined) return v.double_value;
  return (v.array_value?.values ?? []).map(value);
}
const attrs = (kvs: RawKv[] | undefined): Attrs => Object.fromEntries((kvs ?? []).map((kv) => [kv.key, value(kv.value)]));

function flatten(req: RawRequest): ReceivedSpan[] {
  return (req.resource_spans ?? []).flatMap((rs) => {
    const resource = attrs(rs.resource?.attributes);
    return (rs.scope_spans ?? []).flatMap((ss) =>
      (ss.spans ?? []).map((s) => ({
        traceId: hex(s.trace_id),
        spanId: hex(s.span_id),
        parentSpanId: hex(s.parent_span_id),
        name: s.name,
        kind: s.kind ?? 0,
        durationMs: (num(s.end_time_unix_nano) - num(s.start_time_unix_nano)) / 1e6,
        attributes: attrs(s.attributes),
        events: (s.events ?? []).map((e) => ({ name: e.name, attributes: attrs(e.attributes) })),
        status: s.status?.code ?? 0,
        resource,
      })),
    );
  });
}

export interface OtlpReceiver {
  /** http://127.0.0.1:<port>, for PHOENIX_COLLECTOR_ENDPOINT. */
  url: string;
  spans: ReceivedSpan[];
  exports: number;
  /** Waits until a span matches (default 5 s). */
  waitForSpan(match: (s: ReceivedSpan) => boolean, what: string): Promise<ReceivedSpan>;
  /** Every span of a trace received so far. */
  trace(traceId: string): ReceivedSpan[];
  close(): Promise<void>;
}

/** `hang: true` accepts exports and never answers them (a Phoenix that stalls). */
export async function startOtlpReceiver(opts: { hang?: boolean } = {}): Promise<OtlpReceiver> {
  const spans: ReceivedSpan[] = [];
  const pending: sendUnaryData<Uint8Array>[] = [];
  let exports = 0;
  const service: ServiceDefinition = {
    Export: {
      path: '/opentelemetry.proto.collector.trace.v1.TraceService/Export',
      requestStream: false,
      responseStream: false,
      requestSerialize: (b: Uint8Array) => Buffer.from(b),
      requestDeserialize: (b: Buffer) => b,
      responseSerialize: (b: Uint8Array) => Buffer.from(b),
      responseDeserialize: (b: Buffer) => b,
    },
  };
  const server = new Server();
  server.addService(service, {
    Export(call: ServerUnaryCall<Buffer, Uint8Array>, callback: sendUnaryData<Uint8Array>) {
      exports++;
      if (opts.hang) return void pending.push(callback);
      const req = Request.toObject(Request.decode(call.request), { longs: Number, defaults: false }) as RawRequest;
      spans.push(...flatten(req));
      callback(null, Response.encode(Response.create({})).finish());
    },
  });
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))),
  );
  return {
    url: `http://127.0.0.1:${port}`,
    spans,
    get exports() {
      return exports;
    },
    waitForSpan: (match, what) => waitFor(() => spans.find(match), what),
    trace: (traceId) => spans.filter((s) => s.traceId === traceId),
    close: () =>
      new Promise<void>((resolve) => {
        for (const cb of pending.splice(0)) cb(null, new Uint8Array());
        server.tryShutdown(() => resolve());
      }),
  };
}
