using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace WawaTrader.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class InitialCreate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "backtests",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    created = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    finished = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    progress = table.Column<double>(type: "double precision", nullable: false),
                    strategy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    symbols = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    settings_json = table.Column<string>(type: "text", nullable: false),
                    metrics_json = table.Column<string>(type: "text", nullable: true),
                    equity_json = table.Column<string>(type: "text", nullable: true),
                    trades_json = table.Column<string>(type: "text", nullable: true),
                    warnings_json = table.Column<string>(type: "text", nullable: true),
                    error = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_backtests", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "bars",
                columns: table => new
                {
                    symbol = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    time = table.Column<long>(type: "bigint", nullable: false),
                    open = table.Column<double>(type: "double precision", nullable: false),
                    high = table.Column<double>(type: "double precision", nullable: false),
                    low = table.Column<double>(type: "double precision", nullable: false),
                    close = table.Column<double>(type: "double precision", nullable: false),
                    volume = table.Column<double>(type: "double precision", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_bars", x => new { x.symbol, x.time });
                });

            migrationBuilder.CreateTable(
                name: "decisions",
                columns: table => new
                {
                    seq = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    time = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    bar_time = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    symbol = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    action = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    confidence = table.Column<double>(type: "double precision", nullable: false),
                    source = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    approved = table.Column<bool>(type: "boolean", nullable: false),
                    reasoning = table.Column<string>(type: "text", nullable: false),
                    indicators_json = table.Column<string>(type: "text", nullable: false),
                    risk_checks_json = table.Column<string>(type: "text", nullable: false),
                    technical_action = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    technical_confidence = table.Column<double>(type: "double precision", nullable: true),
                    technical_reasoning = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_decisions", x => x.seq);
                    table.UniqueConstraint("AK_decisions_id", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "paper_ledger",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false),
                    json = table.Column<string>(type: "text", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_paper_ledger", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "performance_snapshots",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    time = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    market_time = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    cash = table.Column<decimal>(type: "numeric", nullable: false),
                    equity = table.Column<decimal>(type: "numeric", nullable: false),
                    exposure = table.Column<decimal>(type: "numeric", nullable: false),
                    day_pnl = table.Column<decimal>(type: "numeric", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_performance_snapshots", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "settings",
                columns: table => new
                {
                    category = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    key = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    value = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_settings", x => new { x.category, x.key });
                });

            migrationBuilder.CreateTable(
                name: "settings_history",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    time = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    category = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    field = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    old_value = table.Column<string>(type: "text", nullable: true),
                    new_value = table.Column<string>(type: "text", nullable: true),
                    source = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    reverted_change_id = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_settings_history", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "llm_interactions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    decision_id = table.Column<Guid>(type: "uuid", nullable: false),
                    time = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    symbol = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    bar_time = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    close = table.Column<double>(type: "double precision", nullable: false),
                    model = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    endpoint = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    prompt_version = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    prompt = table.Column<string>(type: "text", nullable: false),
                    raw_response = table.Column<string>(type: "text", nullable: true),
                    parsed_action = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    parsed_confidence = table.Column<double>(type: "double precision", nullable: true),
                    parsed_reasoning = table.Column<string>(type: "text", nullable: true),
                    error = table.Column<string>(type: "text", nullable: true),
                    latency_ms = table.Column<double>(type: "double precision", nullable: false),
                    prompt_tokens = table.Column<int>(type: "integer", nullable: true),
                    completion_tokens = table.Column<int>(type: "integer", nullable: true),
                    outcome = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_llm_interactions", x => x.id);
                    table.ForeignKey(
                        name: "FK_llm_interactions_decisions_decision_id",
                        column: x => x.decision_id,
                        principalTable: "decisions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "orders",
                columns: table => new
                {
                    client_order_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    decision_id = table.Column<Guid>(type: "uuid", nullable: false),
                    symbol = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    side = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    quantity = table.Column<decimal>(type: "numeric", nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    submitted_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    bar_time = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    broker_order_id = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    reject_reason = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_orders", x => x.client_order_id);
                    table.ForeignKey(
                        name: "FK_orders_decisions_decision_id",
                        column: x => x.decision_id,
                        principalTable: "decisions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "fills",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    client_order_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    time = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    quantity = table.Column<decimal>(type: "numeric", nullable: false),
                    price = table.Column<decimal>(type: "numeric", nullable: false),
                    commission = table.Column<decimal>(type: "numeric", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_fills", x => x.id);
                    table.ForeignKey(
                        name: "FK_fills_orders_client_order_id",
                        column: x => x.client_order_id,
                        principalTable: "orders",
                        principalColumn: "client_order_id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_backtests_created",
                table: "backtests",
                column: "created");

            migrationBuilder.CreateIndex(
                name: "IX_backtests_status",
                table: "backtests",
                column: "status");

            migrationBuilder.CreateIndex(
                name: "IX_decisions_bar_time",
                table: "decisions",
                column: "bar_time");

            migrationBuilder.CreateIndex(
                name: "IX_decisions_symbol_bar_time",
                table: "decisions",
                columns: new[] { "symbol", "bar_time" });

            migrationBuilder.CreateIndex(
                name: "IX_decisions_symbol_time",
                table: "decisions",
                columns: new[] { "symbol", "time" });

            migrationBuilder.CreateIndex(
                name: "IX_decisions_time",
                table: "decisions",
                column: "time");

            migrationBuilder.CreateIndex(
                name: "IX_fills_client_order_id",
                table: "fills",
                column: "client_order_id");

            migrationBuilder.CreateIndex(
                name: "IX_fills_time",
                table: "fills",
                column: "time");

            migrationBuilder.CreateIndex(
                name: "IX_llm_interactions_decision_id",
                table: "llm_interactions",
                column: "decision_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_llm_interactions_model_prompt_version",
                table: "llm_interactions",
                columns: new[] { "model", "prompt_version" });

            migrationBuilder.CreateIndex(
                name: "IX_llm_interactions_time",
                table: "llm_interactions",
                column: "time");

            migrationBuilder.CreateIndex(
                name: "IX_orders_bar_time",
                table: "orders",
                column: "bar_time");

            migrationBuilder.CreateIndex(
                name: "IX_orders_decision_id",
                table: "orders",
                column: "decision_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_orders_status",
                table: "orders",
                column: "status");

            migrationBuilder.CreateIndex(
                name: "IX_performance_snapshots_time",
                table: "performance_snapshots",
                column: "time");

            migrationBuilder.CreateIndex(
                name: "IX_settings_history_category_id",
                table: "settings_history",
                columns: new[] { "category", "id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "backtests");

            migrationBuilder.DropTable(
                name: "bars");

            migrationBuilder.DropTable(
                name: "fills");

            migrationBuilder.DropTable(
                name: "llm_interactions");

            migrationBuilder.DropTable(
                name: "paper_ledger");

            migrationBuilder.DropTable(
                name: "performance_snapshots");

            migrationBuilder.DropTable(
                name: "settings");

            migrationBuilder.DropTable(
                name: "settings_history");

            migrationBuilder.DropTable(
                name: "orders");

            migrationBuilder.DropTable(
                name: "decisions");
        }
    }
}
