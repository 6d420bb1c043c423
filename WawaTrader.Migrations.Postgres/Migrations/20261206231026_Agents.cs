using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WawaTrader.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Agents : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_settings_history_category_id",
                table: "settings_history");

            migrationBuilder.DropPrimaryKey(
                name: "PK_settings",
                table: "settings");

            migrationBuilder.DropIndex(
                name: "IX_performance_snapshots_time",
                table: "performance_snapshots");

            migrationBuilder.DropPrimaryKey(
                name: "PK_paper_ledger",
                table: "paper_ledger");

            migrationBuilder.DropIndex(
                name: "IX_orders_bar_time",
                table: "orders");

            migrationBuilder.DropIndex(
                name: "IX_orders_status",
                table: "orders");

            migrationBuilder.DropIndex(
                name: "IX_llm_interactions_time",
                table: "llm_interactions");

            migrationBuilder.DropIndex(
                name: "IX_fills_time",
                table: "fills");

            migrationBuilder.DropIndex(
                name: "IX_decisions_bar_time",
                table: "decisions");

            migrationBuilder.DropIndex(
                name: "IX_decisions_symbol_bar_time",
                table: "decisions");

            migrationBuilder.DropIndex(
                name: "IX_decisions_symbol_time",
                table: "decisions");

            migrationBuilder.DropIndex(
                name: "IX_decisions_time",
                table: "decisions");

            migrationBuilder.DropIndex(
                name: "IX_alerts_status_id",
                table: "alerts");

            migrationBuilder.DropIndex(
                name: "IX_alerts_time",
                table: "alerts");

            migrationBuilder.DropIndex(
                name: "IX_alerts_type_id",
                table: "alerts");

            migrationBuilder.DropColumn(
                name: "id",
                table: "paper_ledger");

            migrationBuilder.AddColumn<string>(
                name: "agent",
                table: "settings_history",
                type: "character varying(32)",
                maxLength: 32,
                nullable: false,
                defaultValue: "default");

            migrationBuilder.AddColumn<string>(
                name: "agent",
                table: "settings",
                type: "character varying(32)",
                maxLength: 32,
                nullable: false,
                defaultValue: "default");

            migrationBuilder.AddColumn<string>(
                name: "agent",
                table: "performance_snapshots",
                type: "character varying(32)",
                maxLength: 32,
                nullable: false,
                defaultValue: "default");

            migrationBuilder.AddColumn<string>(
                name: "agent",
                table: "paper_ledger",
                type: "character varying(32)",
                maxLength: 32,
                nullable: false,
                defaultValue: "default");

            migrationBuilder.AddColumn<string>(
                name: "agent",
                table: "orders",
                type: "character varying(32)",
                maxLength: 32,
                nullable: false,
                defaultValue: "default");

            migrationBuilder.AddColumn<string>(
                name: "agent",
                table: "llm_interactions",
                type: "character varying(32)",
                maxLength: 32,
                nullable: false,
                defaultValue: "default");

            migrationBuilder.AddColumn<string>(
                name: "agent",
                table: "fills",
                type: "character varying(32)",
                maxLength: 32,
                nullable: false,
                defaultValue: "default");

            migrationBuilder.AddColumn<string>(
                name: "agent",
                table: "decisions",
                type: "character varying(32)",
                maxLength: 32,
                nullable: false,
                defaultValue: "default");

            migrationBuilder.AddColumn<string>(
                name: "agent",
                table: "alerts",
                type: "character varying(32)",
                maxLength: 32,
                nullable: false,
                defaultValue: "default");

            migrationBuilder.AddPrimaryKey(
                name: "PK_settings",
                table: "settings",
                columns: new[] { "agent", "category", "key" });

            migrationBuilder.AddPrimaryKey(
                name: "PK_paper_ledger",
                table: "paper_ledger",
                column: "agent");

            migrationBuilder.CreateTable(
                name: "agent_leases",
                columns: table => new
                {
                    agent = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    holder = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    host = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    process_id = table.Column<int>(type: "integer", nullable: false),
                    started_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    heartbeat_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    released_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_agent_leases", x => x.agent);
                });

            migrationBuilder.CreateIndex(
                name: "IX_settings_history_agent_category_id",
                table: "settings_history",
                columns: new[] { "agent", "category", "id" });

            migrationBuilder.CreateIndex(
                name: "IX_settings_history_agent_id",
                table: "settings_history",
                columns: new[] { "agent", "id" });

            migrationBuilder.CreateIndex(
                name: "IX_performance_snapshots_agent_time",
                table: "performance_snapshots",
                columns: new[] { "agent", "time" });

            migrationBuilder.CreateIndex(
                name: "IX_orders_agent_bar_time",
                table: "orders",
                columns: new[] { "agent", "bar_time" });

            migrationBuilder.CreateIndex(
                name: "IX_orders_agent_status",
                table: "orders",
                columns: new[] { "agent", "status" });

            migrationBuilder.CreateIndex(
                name: "IX_llm_interactions_agent_time",
                table: "llm_interactions",
                columns: new[] { "agent", "time" });

            migrationBuilder.CreateIndex(
                name: "IX_fills_agent_time",
                table: "fills",
                columns: new[] { "agent", "time" });

            migrationBuilder.CreateIndex(
                name: "IX_decisions_agent_bar_time",
                table: "decisions",
                columns: new[] { "agent", "bar_time" });

            migrationBuilder.CreateIndex(
                name: "IX_decisions_agent_symbol_bar_time",
                table: "decisions",
                columns: new[] { "agent", "symbol", "bar_time" });

            migrationBuilder.CreateIndex(
                name: "IX_decisions_agent_symbol_time",
                table: "decisions",
                columns: new[] { "agent", "symbol", "time" });

            migrationBuilder.CreateIndex(
                name: "IX_decisions_agent_time",
                table: "decisions",
                columns: new[] { "agent", "time" });

            migrationBuilder.CreateIndex(
                name: "IX_alerts_agent_status_id",
                table: "alerts",
                columns: new[] { "agent", "status", "id" });

            migrationBuilder.CreateIndex(
                name: "IX_alerts_agent_time",
                table: "alerts",
                columns: new[] { "agent", "time" });

            migrationBuilder.CreateIndex(
                name: "IX_alerts_agent_type_id",
                table: "alerts",
                columns: new[] { "agent", "type", "id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "agent_leases");

            migrationBuilder.DropIndex(
                name: "IX_settings_history_agent_category_id",
                table: "settings_history");

            migrationBuilder.DropIndex(
                name: "IX_settings_history_agent_id",
                table: "settings_history");

            migrationBuilder.DropPrimaryKey(
                name: "PK_settings",
                table: "settings");

            migrationBuilder.DropIndex(
                name: "IX_performance_snapshots_agent_time",
                table: "performance_snapshots");

            migrationBuilder.DropPrimaryKey(
                name: "PK_paper_ledger",
                table: "paper_ledger");

            migrationBuilder.DropIndex(
                name: "IX_orders_agent_bar_time",
                table: "orders");

            migrationBuilder.DropIndex(
                name: "IX_orders_agent_status",
                table: "orders");

            migrationBuilder.DropIndex(
                name: "IX_llm_interactions_agent_time",
                table: "llm_interactions");

            migrationBuilder.DropIndex(
                name: "IX_fills_agent_time",
                table: "fills");

            migrationBuilder.DropIndex(
                name: "IX_decisions_agent_bar_time",
                table: "decisions");

            migrationBuilder.DropIndex(
                name: "IX_decisions_agent_symbol_bar_time",
                table: "decisions");

            migrationBuilder.DropIndex(
                name: "IX_decisions_agent_symbol_time",
                table: "decisions");

            migrationBuilder.DropIndex(
                name: "IX_decisions_agent_time",
                table: "decisions");

            migrationBuilder.DropIndex(
                name: "IX_alerts_agent_status_id",
                table: "alerts");

            migrationBuilder.DropIndex(
                name: "IX_alerts_agent_time",
                table: "alerts");

            migrationBuilder.DropIndex(
                name: "IX_alerts_agent_type_id",
                table: "alerts");

            migrationBuilder.DropColumn(
                name: "agent",
                table: "settings_history");

            migrationBuilder.DropColumn(
                name: "agent",
                table: "settings");

            migrationBuilder.DropColumn(
                name: "agent",
                table: "performance_snapshots");

            migrationBuilder.DropColumn(
                name: "agent",
                table: "paper_ledger");

            migrationBuilder.DropColumn(
                name: "agent",
                table: "orders");

            migrationBuilder.DropColumn(
                name: "agent",
                table: "llm_interactions");

            migrationBuilder.DropColumn(
                name: "agent",
                table: "fills");

            migrationBuilder.DropColumn(
                name: "agent",
                table: "decisions");

            migrationBuilder.DropColumn(
                name: "agent",
                table: "alerts");

            migrationBuilder.AddColumn<int>(
                name: "id",
                table: "paper_ledger",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddPrimaryKey(
                name: "PK_settings",
                table: "settings",
                columns: new[] { "category", "key" });

            migrationBuilder.AddPrimaryKey(
                name: "PK_paper_ledger",
                table: "paper_ledger",
                column: "id");

            migrationBuilder.CreateIndex(
                name: "IX_settings_history_category_id",
                table: "settings_history",
                columns: new[] { "category", "id" });

            migrationBuilder.CreateIndex(
                name: "IX_performance_snapshots_time",
                table: "performance_snapshots",
                column: "time");

            migrationBuilder.CreateIndex(
                name: "IX_orders_bar_time",
                table: "orders",
                column: "bar_time");

            migrationBuilder.CreateIndex(
                name: "IX_orders_status",
                table: "orders",
                column: "status");

            migrationBuilder.CreateIndex(
                name: "IX_llm_interactions_time",
                table: "llm_interactions",
                column: "time");

            migrationBuilder.CreateIndex(
                name: "IX_fills_time",
                table: "fills",
                column: "time");

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
                name: "IX_alerts_status_id",
                table: "alerts",
                columns: new[] { "status", "id" });

            migrationBuilder.CreateIndex(
                name: "IX_alerts_time",
                table: "alerts",
                column: "time");

            migrationBuilder.CreateIndex(
                name: "IX_alerts_type_id",
                table: "alerts",
                columns: new[] { "type", "id" });
        }
    }
}
