using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WawaTrader.Core.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class InitialCreate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "decisions",
                columns: table => new
                {
                    seq = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    time = table.Column<DateTime>(type: "TEXT", nullable: false),
                    bar_time = table.Column<DateTime>(type: "TEXT", nullable: false),
                    symbol = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    action = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    confidence = table.Column<double>(type: "REAL", nullable: false),
                    source = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    approved = table.Column<bool>(type: "INTEGER", nullable: false),
                    reasoning = table.Column<string>(type: "TEXT", nullable: false),
                    indicators_json = table.Column<string>(type: "TEXT", nullable: false),
                    risk_checks_json = table.Column<string>(type: "TEXT", nullable: false)
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
                    id = table.Column<int>(type: "INTEGER", nullable: false),
                    json = table.Column<string>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_paper_ledger", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "performance_snapshots",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    time = table.Column<DateTime>(type: "TEXT", nullable: false),
                    market_time = table.Column<DateTime>(type: "TEXT", nullable: false),
                    cash = table.Column<decimal>(type: "TEXT", nullable: false),
                    equity = table.Column<decimal>(type: "TEXT", nullable: false),
                    exposure = table.Column<decimal>(type: "TEXT", nullable: false),
                    day_pnl = table.Column<decimal>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_performance_snapshots", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "orders",
                columns: table => new
                {
                    client_order_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    decision_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    symbol = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    side = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    quantity = table.Column<decimal>(type: "TEXT", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    submitted_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    bar_time = table.Column<DateTime>(type: "TEXT", nullable: false),
                    broker_order_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    reject_reason = table.Column<string>(type: "TEXT", nullable: true)
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
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    client_order_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    time = table.Column<DateTime>(type: "TEXT", nullable: false),
                    quantity = table.Column<decimal>(type: "TEXT", nullable: false),
                    price = table.Column<decimal>(type: "TEXT", nullable: false),
                    commission = table.Column<decimal>(type: "TEXT", nullable: false)
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
                name: "IX_decisions_bar_time",
                table: "decisions",
                column: "bar_time");

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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "fills");

            migrationBuilder.DropTable(
                name: "paper_ledger");

            migrationBuilder.DropTable(
                name: "performance_snapshots");

            migrationBuilder.DropTable(
                name: "orders");

            migrationBuilder.DropTable(
                name: "decisions");
        }
    }
}
